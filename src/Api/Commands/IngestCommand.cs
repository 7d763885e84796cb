using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;
using VideoLang.Sampler.Validation;

namespace VideoLang.Api.Commands;

/// <summary>`vlang ingest FILES...`: adds videos, runs their ingest (here, and on any running workers) and prints their tags.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Video files to add.", Arity = ArgumentArity.OneOrMore };
        var tenant = CommandLine.TenantOption();
        var noWait = new Option<bool>("--no-wait") { Description = "Only enqueue; let running workers do the work." };
        var command = new Command("ingest", "Add video files, ingest them and print their tags.") { files, tenant, noWait }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var wait = !result.GetValue(noWait);
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: wait, cancellationToken);
            var library = services.Get<VideoLibrary>();
            var added = new List<AddedVideo>();
            var rejected = 0;
            foreach (var file in result.GetValue(files)!)
            {
                try
                {
                    var video = await library.AddAsync(result.GetValue(tenant)!, file, Path.GetFileName(file), cancellationToken: cancellationToken);
                    added.Add(video);
                    Console.Error.WriteLine(video.Created ? $"{file}: added as {video.Video.Id}" : $"{file}: already in the library as {video.Video.Id}");
                }
                catch (Exception e) when (e is VideoRejectedException or FileNotFoundException)
                {
                    rejected++;
                    Console.Error.WriteLine($"{file}: rejected: {e.Message}");
                }
            }
            if (!wait || added.Count == 0)
            {
                return rejected == 0 ? 0 : 1;
            }
            var contexts = services.Get<IDbContextFactory<VideoLangDbContext>>();
            var jobIds = added.Where(a => a.Job is not null).Select(a => a.Job!.Id).ToArray();
            await JobProgress.WaitAsync(contexts, jobIds, "ingesting", null, cancellationToken);
            return await PrintAsync(contexts, added.Select(a => a.Video.Id).ToArray(), cancellationToken) && rejected == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task<bool> PrintAsync(IDbContextFactory<VideoLangDbContext> contexts, Guid[] ids, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var videos = await db.Videos.AsNoTracking().Include(v => v.Tags).Where(v => ids.Contains(v.Id)).ToListAsync(cancellationToken);
        var table = new Table().AddColumns("video", "status", "tags (score @ best clip)");
        foreach (var video in videos.OrderBy(v => v.OriginalName, StringComparer.Ordinal))
        {
            var detail = video.Status == VideoStatus.Failed
                ? video.FailureReason ?? ""
                : string.Join(", ", video.Tags.OrderByDescending(t => t.Score).Take(5)
                    .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} {t.Score:F2} @{t.StartSeconds:F1}-{t.EndSeconds:F1}s")));
            table.AddRow(Markup.Escape($"{video.OriginalName} {video.Id}"), video.Status.ToString(), Markup.Escape(detail));
        }
        AnsiConsole.Write(table);
        return videos.All(v => v.Status == VideoStatus.Ready);
    }
}
