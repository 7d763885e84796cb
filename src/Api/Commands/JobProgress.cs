using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>Waits for jobs with a progress bar (plain lines when output is redirected).</summary>
internal static class JobProgress
{
    public static async Task WaitAsync(IDbContextFactory<VideoLangDbContext> contexts, IReadOnlyCollection<Guid> jobIds, string what,
        Func<VideoLangDbContext, Task<(double Done, double Total)>>? measure, CancellationToken cancellationToken)
    {
        await ConsoleProgress.RunAsync(what, async display =>
        {
            while (true)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToListAsync(cancellationToken);
                var settled = jobs.Count(j => j.Status is JobStatus.Succeeded or JobStatus.Failed or JobStatus.Cancelled);
                var (done, total) = measure is null ? (settled, jobIds.Count) : await measure(db);
                display.Update(settled == jobIds.Count ? total : done, total);
                if (settled == jobIds.Count)
                {
                    return;
                }
                await Task.Delay(250, cancellationToken);
            }
        });
    }
}
