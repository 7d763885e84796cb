using System.CommandLine;
using VideoLang.Api.Commands;
using VideoLang.Api.Hosting;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Inference;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Synthetic;

namespace VideoLang.Api.Demo;

/// <summary>
/// `vlang demo`: trains the tiny model on generated videos (or reuses the one trained before),
/// starts the API (which runs the jobs too), uploads the held-out videos through the API and prints their tags,
/// text searches with the matching moment, and a QA batch's answers, each checked against the known
/// content. Ends with the URL and a curl example; keeps serving while it runs in a terminal.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var work = new Option<string>("--work") { Description = "Folder for the videos and the model.", DefaultValueFactory = _ => "artifacts/demo" };
        var url = new Option<string>("--url") { Description = "Where the API listens.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var exit = new Option<bool>("--exit") { Description = "Stop when done instead of serving until Ctrl+C (the default when not in a terminal)." };
        var command = new Command("demo", "The end-to-end demo: train (or reuse) the tiny model, serve, upload, tag, search and answer.") { work, url, exit }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var folder = Path.GetFullPath(result.GetValue(work)!);
            var address = result.GetValue(url)!.TrimEnd('/');
            var settings = result.Settings().Concat(["--Worker:StorageDirectory", Path.Combine(folder, "storage")]).ToArray();

            string secret;
            await using (var services = await CommandServices.StartAsync(settings, runJobs: false, cancellationToken))
            {
                var checkpoint = await ModelAsync(folder, CommandSettings.Sampler(settings), cancellationToken);
                await services.Get<ModelCatalog>().AddAsync("demo-tiny", checkpoint, activate: true, cancellationToken);
                secret = (await services.Get<ApiKeys>().CreateAsync("demo", "demo", [ApiKeys.Admin], cancellationToken)).Secret;
            }

            // The API process also runs the jobs: one process is the whole service for the demo.
            await using var api = ApiApplication.Build([.. settings, "--urls", address, "--Api:RunJobs", "true"]);
            await api.StartAsync(cancellationToken);
            Console.WriteLine($"API at {address}, running jobs in the same process.");

            var heldOut = TrainingManifest.Read(Path.Combine(DemoTraining(folder).TestDirectory, SyntheticManifest.FileName));
            using var client = new DemoClient(address, secret);
            await new DemoScenario(client, heldOut).RunAsync(cancellationToken);

            Console.WriteLine();
            Console.WriteLine($"The API is at {address} (OpenAPI: {address}/openapi/v1.json). Try:");
            Console.WriteLine($"  curl -H 'Authorization: Bearer {secret}' '{address}/v1/search?q=a+red+circle&limit=3'");
            if (!result.GetValue(exit) && !Console.IsInputRedirected)
            {
                Console.WriteLine("Serving until Ctrl+C.");
                await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            await api.StopAsync(CancellationToken.None);
            return 0;
        });
        return command;
    }

    private static async Task<string> ModelAsync(string folder, VideoSampler sampler, CancellationToken cancellationToken)
    {
        var checkpoint = Path.Combine(folder, "model");
        var options = DemoTraining(folder);
        // A model is reused only if the current recipe would train it: the same videos (older generators
        // drew other pixels), network and options (earlier recipes had no grid shift or time reversal).
        var recipe = Path.Combine(checkpoint, SyntheticTraining.RecipeFile);
        if (File.Exists(Path.Combine(checkpoint, Checkpoint.WeightsFile)) && File.Exists(Path.Combine(options.TestDirectory, SyntheticManifest.FileName))
            && File.Exists(recipe) && File.ReadAllText(recipe) == options.Recipe())
        {
            Console.WriteLine($"Reusing the model trained before: {checkpoint}");
            return checkpoint;
        }
        Console.WriteLine($"Training the tiny model (ordered fusion) on {options.TrainVideos} generated videos ({options.VisualWarmupEpochs} CNN warm-up epochs, then {options.Training.Epochs} epochs; about 18 minutes on 2 CPU cores); a second run reuses it.");
        return (await TrainCommand.RunAsync(options, sampler, cancellationToken)).CheckpointDirectory;
    }

    // Ordered fusion with the grid shift and time reversal: the recipe that answers which way a
    // shape moves beyond what ClipBERT's mean pooling can, at no cost to search (docs/learning.md).
    private static SyntheticTrainingOptions DemoTraining(string folder) =>
        TrainCommand.Options(folder, train: null, test: null, epochs: null, TemporalFusion.Ordered, seed: 1);
}
