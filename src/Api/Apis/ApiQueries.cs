using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary>Reads shared by several endpoints: clip time ranges (never the visual tokens) and the job behind a video or batch.</summary>
internal static class ApiQueries
{
    /// <summary>The time range of every clip of <paramref name="videoIds"/>, to put times on per-clip scores.</summary>
    public static async Task<Dictionary<Guid, Dictionary<int, ClipRange>>> ClipRangesAsync(VideoLangDbContext db, IReadOnlyCollection<Guid> videoIds,
        CancellationToken cancellationToken)
    {
        var rows = await db.Clips.AsNoTracking()
            .Where(c => videoIds.Contains(c.VideoId))
            .Select(c => new { c.VideoId, c.Index, c.StartSeconds, c.EndSeconds })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.VideoId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Index, r => new ClipRange(r.StartSeconds, r.EndSeconds)));
    }

    /// <summary>The newest job working on <paramref name="subjectId"/>, or null when none has.</summary>
    public static Task<Guid?> LatestJobAsync(VideoLangDbContext db, Guid subjectId, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.SubjectId == subjectId)
            .OrderByDescending(j => j.CreatedAt)
            .Select(j => (Guid?)j.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The newest job working on each of <paramref name="subjectIds"/>.</summary>
    public static async Task<Dictionary<Guid, Guid>> LatestJobsAsync(VideoLangDbContext db, IReadOnlyCollection<Guid> subjectIds, CancellationToken cancellationToken)
    {
        var jobs = await db.Jobs.AsNoTracking()
            .Where(j => subjectIds.Contains(j.SubjectId))
            .Select(j => new { j.SubjectId, j.Id, j.CreatedAt })
            .ToListAsync(cancellationToken);
        return jobs.GroupBy(j => j.SubjectId).ToDictionary(g => g.Key, g => g.MaxBy(j => j.CreatedAt)!.Id);
    }
}
