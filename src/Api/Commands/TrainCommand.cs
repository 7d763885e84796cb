using System.CommandLine;
using System.Globalization;
using VideoLang.Jobs.Inference;
using VideoLang.Model.Configuration;
using VideoLang.Model.Training;
using VideoLang.Sampler;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang train`: trains the tiny model on generated synthetic videos (content known, so the held-out
/// numbers mean something), saves the checkpoint and optionally registers it.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Work folder: videos, vocabulary and the checkpoint (in model/).", DefaultValueFactory = _ => "artifacts/train" };
        var trainVideos = new Option<int?>("--train") { Description = "Training videos (default: the recipe's)." };
        var testVideos = new Option<int?>("--test") { Description = "Held-out videos (default: the recipe's)." };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default: the recipe's)." };
        var ordered = new Option<bool>("--ordered") { Description = "Ordered temporal fusion instead of ClipBERT's mean pooling." };
        var seed = new Option<int>("--seed") { Description = "Seed for scenes and weights.", DefaultValueFactory = _ => 1 };
        var register = new Option<string?>("--register") { Description = "Register the trained model under this name and make it active." };
        var command = new Command("train", "Train the tiny model on synthetic videos and print held-out retrieval and QA metrics.")
        {
            output, trainVideos, testVideos, epochs, ordered, seed, register,
        }.AcceptingSettings();
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = Options(result.GetValue(output)!, result.GetValue(trainVideos), result.GetValue(testVideos), result.GetValue(epochs),
                result.GetValue(ordered) ? TemporalFusion.Ordered : TemporalFusion.Mean, result.GetValue(seed));
            var trained = await RunAsync(options, CommandSettings.Sampler(result.Settings()), cancellationToken);
            if (result.GetValue(register) is { } name)
            {
                await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
                await services.Get<ModelCatalog>().AddAsync(name, trained.CheckpointDirectory, activate: true, cancellationToken);
                Console.WriteLine($"Registered '{name}' and made it active.");
            }
            return 0;
        });
        return command;
    }

    public static SyntheticTrainingOptions Options(string output, int? train, int? test, int? epochs, TemporalFusion fusion, int seed)
    {
        // Everything not set here keeps the recipe's default for the fusion (SyntheticTrainingOptions).
        var defaults = new SyntheticTrainingOptions { WorkDirectory = output, TemporalFusion = fusion };
        return new SyntheticTrainingOptions
        {
            WorkDirectory = Path.GetFullPath(output),
            TrainVideos = train ?? defaults.TrainVideos,
            TestVideos = test ?? defaults.TestVideos,
            TemporalFusion = fusion,
            Seed = seed,
            Training = defaults.Training with { Epochs = epochs ?? defaults.Training.Epochs },
        };
    }

    /// <summary>Trains with a progress bar and prints the held-out metrics.</summary>
    public static async Task<SyntheticTrainingResult> RunAsync(SyntheticTrainingOptions options, VideoSampler sampler, CancellationToken cancellationToken)
    {
        SyntheticTrainingResult? trained = null;
        await ConsoleProgress.RunAsync($"training on {options.TrainVideos} videos", async display =>
        {
            var progress = new Progress<TrainingProgress>(p => display.Update(p.Step, p.TotalSteps,
                string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch + 1} loss {p.Loss:F3} {p.VideosPerSecond:F0} videos/s")));
            trained = await SyntheticTraining.RunAsync(options, progress, sampler, cancellationToken);
        });
        var r = trained!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Held-out ({options.TestVideos} videos): text->video R@1 {r.SearchRetrieval.RecallAt1:F2}, R@5 {r.SearchRetrieval.RecallAt5:F2} (search; cross-encoder alone {r.Retrieval.RecallAt1:F2}, dual encoder alone {r.DualEncoderRetrieval.RecallAt1:F2}); QA {r.QaAccuracy:F2} (colour/shape {r.ColourShapeQaAccuracy:F2}, motion {r.MotionQaAccuracy:F2}); {r.TrainingTime.TotalMinutes:F1} min"));
        Console.WriteLine($"Checkpoint: {r.CheckpointDirectory}");
        return r;
    }
}
