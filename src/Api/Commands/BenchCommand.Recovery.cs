using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang bench recovery`: how long a SIGKILLed worker's jobs take to run again, in two parts.
/// Detection: from the kill until the job's queue entry is free again (the recovery check moved it to
/// the "abandoned" queue, or Hangfire's fetch took it; bounded by <c>Worker:InvisibilityTimeout</c>).
/// Queueing: from then until another worker starts it (a free worker slot; abandoned entries go ahead
/// of new work). Two worker processes share a queue deeper than they can run at once; each round
/// kills one of them while it runs jobs.
/// </summary>
internal static partial class BenchCommand
{
    private static Command Recovery()
    {
        var videos = new Option<int>("--videos") { Description = "Videos queued per round.", DefaultValueFactory = _ => 16 };
        var rounds = new Option<int>("--rounds") { Description = "Kills (one per round).", DefaultValueFactory = _ => 3 };
        var work = new Option<string>("--work") { Description = "Folder for the generated videos and worker logs.", DefaultValueFactory = _ => "artifacts/bench/recovery" };
        var command = new Command("recovery", "Time from a worker's SIGKILL to its jobs running again (detection, queueing), as JSON.") { videos, rounds, work }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(work)!);
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            await EnsureModelAsync(services.Get<ModelCatalog>(), folder, cancellationToken);
            var files = await VideosAsync(folder, result.GetValue(videos), cancellationToken);
            var samples = new List<(double Detection, double Queueing)>();
            for (var round = 0; round < result.GetValue(rounds); round++)
            {
                samples.AddRange(await KillRoundAsync(services, result.Settings(), folder, files, round, cancellationToken));
            }
            var worker = WorkerHost.WorkerSettings(services.Configuration);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "recovery",
                invisibility_timeout_s = worker.InvisibilityTimeout.TotalSeconds,
                concurrency = worker.Concurrency,
                killed_jobs = samples.Count,
                detection_s = Summary(samples.Select(s => s.Detection)),
                queueing_s = Summary(samples.Select(s => s.Queueing)),
                total_s = Summary(samples.Select(s => s.Detection + s.Queueing)),
            }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return 0;
        });
        return command;
    }

    private static async Task<List<(double, double)>> KillRoundAsync(CommandServices services, IReadOnlyList<string> settings, string folder, IReadOnlyList<string> files, int round,
        CancellationToken cancellationToken)
    {
        var tenant = $"bench-{Guid.NewGuid():N}";
        var victim = StartWorker(settings, Path.Combine(folder, $"round-{round}-killed.log"));
        var survivor = StartWorker(settings, Path.Combine(folder, $"round-{round}-survivor.log"));
        var library = services.Get<VideoLibrary>();
        var contexts = services.Get<IDbContextFactory<VideoLangDbContext>>();
        var ids = new List<Guid>();
        try
        {
            foreach (var file in files)
            {
                ids.Add((await library.AddAsync(tenant, file, Path.GetFileName(file), cancellationToken: cancellationToken)).Video.Id);
            }
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var victimId = $"{Environment.MachineName}/{victim.Id}";
            List<Guid> running;
            while ((running = await RunningOnAsync(db, victimId, cancellationToken)).Count == 0)
            {
                await Task.Delay(50, cancellationToken);
            }
            var entries = await db.Jobs.Where(j => running.Contains(j.Id)).Select(j => j.BackgroundJobId!.Value).ToListAsync(cancellationToken);
            var killedAt = Stopwatch.GetTimestamp();
            var killedAtClock = DateTimeOffset.UtcNow;
            victim.Kill();
            await victim.WaitForExitAsync(cancellationToken);
            // Detection: the moment each entry stops being held by the dead worker's fetch.
            var freed = new Dictionary<long, DateTimeOffset>();
            while (freed.Count < entries.Count)
            {
                var held = await db.Database.SqlQuery<long>($"""
                    SELECT jobid AS "Value" FROM hangfire.jobqueue WHERE jobid = ANY({entries.ToArray()}) AND queue = 'default' AND fetchedat IS NOT NULL
                    """).ToListAsync(cancellationToken);
                foreach (var entry in entries.Except(held).Where(e => !freed.ContainsKey(e)))
                {
                    freed[entry] = killedAtClock + Stopwatch.GetElapsedTime(killedAt);
                }
                await Task.Delay(50, cancellationToken);
            }
            while (await db.Jobs.CountAsync(j => ids.Contains(j.SubjectId) && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed), cancellationToken) < ids.Count)
            {
                await Task.Delay(200, cancellationToken);
            }
            var samples = new List<(double, double)>();
            foreach (var job in await db.Jobs.Where(j => running.Contains(j.Id)).ToListAsync(cancellationToken))
            {
                var resumed = await db.JobAttempts.Where(a => a.JobId == job.Id && a.StartedAt > killedAtClock).MinAsync(a => a.StartedAt, cancellationToken);
                var detected = freed[job.BackgroundJobId!.Value];
                samples.Add(((detected - killedAtClock).TotalSeconds, Math.Max(0, (resumed - detected).TotalSeconds)));
            }
            return samples;
        }
        finally
        {
            foreach (var process in new[] { victim, survivor }.Where(p => !p.HasExited))
            {
                process.Kill();
            }
            foreach (var id in ids)
            {
                await library.DeleteAsync(tenant, id, CancellationToken.None);
            }
        }
    }

    private static Task<List<Guid>> RunningOnAsync(VideoLangDbContext db, string workerId, CancellationToken cancellationToken) =>
        db.JobAttempts.Where(a => a.WorkerId == workerId && a.Outcome == JobOutcome.Running).Select(a => a.JobId).ToListAsync(cancellationToken);

    private static object Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0
            ? new { min = 0.0, median = 0.0, max = 0.0 }
            : new { min = Math.Round(sorted[0], 2), median = Math.Round(sorted[sorted.Length / 2], 2), max = Math.Round(sorted[^1], 2) };
    }
}
