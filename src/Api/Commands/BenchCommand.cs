using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Hosting;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;
using VideoLang.Model;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Sampler.Synthetic;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang bench ingest`: videos per minute ingested end to end by 1 and by 2 worker processes (the
/// second as a ratio to the first, measured in the same run), and the share of ingest time spent
/// decoding, in the model and in the database, read from the workers' "Ingested video" log lines.
/// Uses the active model, or registers a randomly initialised tiny one when none is active.
/// </summary>
internal static partial class BenchCommand
{
    public static Command Create()
    {
        var videos = new Option<int>("--videos") { Description = "Videos ingested per round.", DefaultValueFactory = _ => 24 };
        var work = new Option<string>("--work") { Description = "Folder for the generated videos and worker logs.", DefaultValueFactory = _ => "artifacts/bench/ingest" };
        var ingest = new Command("ingest", "Ingest throughput with 1 and 2 worker processes, as JSON.") { videos, work }.AcceptingSettings();
        ingest.SetAction(async (result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(work)!);
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            await EnsureModelAsync(services.Get<ModelCatalog>(), folder, cancellationToken);
            var files = await VideosAsync(folder, result.GetValue(videos), cancellationToken);
            var one = await RoundAsync(services, result.Settings(), folder, files, workers: 1, cancellationToken);
            var two = await RoundAsync(services, result.Settings(), folder, files, workers: 2, cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                benchmark = "ingest",
                videos = files.Count,
                processors = Environment.ProcessorCount,
                one_worker = one,
                two_workers = two,
                two_vs_one = Math.Round(two.VideosPerMinute / one.VideosPerMinute, 3),
            }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            return 0;
        });
        return new Command("bench", "Benchmarks.") { ingest, Recovery(), SearchCommand() };
    }

    private static async Task<Round> RoundAsync(CommandServices services, IReadOnlyList<string> settings, string folder, IReadOnlyList<string> files, int workers, CancellationToken cancellationToken)
    {
        var tenant = $"bench-{Guid.NewGuid():N}";
        var logs = Enumerable.Range(0, workers).Select(i => Path.Combine(folder, $"worker-{workers}-{i}.log")).ToArray();
        var processes = logs.Select(log => StartWorker(settings, log)).ToArray();
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
            while (await db.Jobs.CountAsync(j => ids.Contains(j.SubjectId) && (j.Status == JobStatus.Succeeded || j.Status == JobStatus.Failed), cancellationToken) < ids.Count)
            {
                if (processes.FirstOrDefault(p => p.HasExited) is { } dead)
                {
                    throw new InvalidOperationException($"A worker exited ({dead.ExitCode}); see {string.Join(", ", logs)}.");
                }
                await Task.Delay(200, cancellationToken);
            }
            var attempts = await db.JobAttempts.Where(a => db.Jobs.Any(j => j.Id == a.JobId && ids.Contains(j.SubjectId))).ToListAsync(cancellationToken);
            var seconds = (attempts.Max(a => a.FinishedAt!.Value) - attempts.Min(a => a.StartedAt)).TotalSeconds;
            foreach (var process in processes)
            {
                process.Kill();
                await process.WaitForExitAsync(cancellationToken);
            }
            var stages = logs.SelectMany(File.ReadLines).Select(l => IngestedLine().Match(l)).Where(m => m.Success)
                .Select(m => (Decode: Ms(m, "decode"), Model: Ms(m, "model"), Database: Ms(m, "database"))).ToArray();
            var total = stages.Sum(s => s.Decode + s.Model + s.Database);
            return new Round(workers, Math.Round(ids.Count / seconds * 60, 1), Math.Round(seconds, 2),
                Math.Round(stages.Sum(s => s.Decode) / total, 3), Math.Round(stages.Sum(s => s.Model) / total, 3), Math.Round(stages.Sum(s => s.Database) / total, 3),
                attempts.Count(a => a.Outcome == JobOutcome.Succeeded));
        }
        finally
        {
            foreach (var process in processes.Where(p => !p.HasExited))
            {
                process.Kill();
            }
            foreach (var id in ids)
            {
                await library.DeleteAsync(tenant, id, CancellationToken.None);
            }
        }

        static double Ms(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
    }

    private static Process StartWorker(IReadOnlyList<string> settings, string log)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BenchCommand).Assembly.Location);
        start.ArgumentList.Add("worker");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__VideoLang"] = "Information";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment.TryAdd("VIDEOLANG_TORCH_THREADS", "1");
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task EnsureModelAsync(ModelCatalog catalog, string folder, CancellationToken cancellationToken)
    {
        try
        {
            await catalog.GetActiveAsync(cancellationToken);
        }
        catch (ModelUnavailableException)
        {
            var vocabulary = Path.Combine(folder, "vocab.txt");
            Directory.CreateDirectory(folder);
            File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "red", "circle"]);
            using var model = new ClipBertModel(ClipBertConfig.Tiny(8) with { TagCount = 2 });
            var checkpoint = Path.Combine(folder, "random-tiny");
            Checkpoint.Save(checkpoint, model, vocabulary, tags: new LabelVocabulary(["red", "circle"]));
            await catalog.AddAsync("bench-random-tiny", checkpoint, activate: true, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<string>> VideosAsync(string folder, int count, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(folder, $"videos-{count}");
        var existing = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.mp4") : [];
        if (existing.Length == count)
        {
            return existing.Order(StringComparer.Ordinal).ToArray();
        }
        var generated = await new SyntheticVideoGenerator().GenerateAsync(directory, count, seed: 5,
            new VideoEncoding { Width = 128, Height = 96, DurationSeconds = 3 }, cancellationToken);
        return generated.Select(v => Path.Combine(directory, v.File)).ToArray();
    }

    [GeneratedRegex(@"Ingested video .*decode (?<decode>\d+) ms, model (?<model>\d+) ms, database (?<database>\d+) ms")]
    private static partial Regex IngestedLine();

    private sealed record Round(int Workers, double VideosPerMinute, double Seconds, double DecodeShare, double ModelShare, double DatabaseShare, int Succeeded);

    private static Command SearchCommand()
    {
        var sizes = new Option<string>("--sizes") { Description = "Library sizes in clips, comma-separated.", DefaultValueFactory = _ => "100000,300000,1000000" };
        var dimensions = new Option<int>("--dimensions") { Description = "Embedding width.", DefaultValueFactory = _ => 512 };
        var queries = new Option<int>("--queries") { Description = "Queries per size.", DefaultValueFactory = _ => 200 };
        var search = new Command("search", "Clip search latency and recall: HNSW index vs exact scan vs PostgreSQL scan, one JSON line per size.") { sizes, dimensions, queries }.AcceptingSettings();
        search.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var options = services.Configuration.GetSection(ClipIndexOptions.Section).Get<ClipIndexOptions>() ?? new ClipIndexOptions();
            options.MinClips = 0;
            foreach (var size in result.GetValue(sizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
            {
                await using var db = await services.Get<IDbContextFactory<VideoLangDbContext>>().CreateDbContextAsync(cancellationToken);
                var measured = await SearchBenchmark.RunAsync(db, options, size, result.GetValue(dimensions), result.GetValue(queries), Console.Error, cancellationToken);
                Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "search", processors = Environment.ProcessorCount, result = measured },
                    new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            }
            return 0;
        });
        return search;
    }
}
