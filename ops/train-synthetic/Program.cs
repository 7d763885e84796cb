// Trains the tiny model on generated videos and prints its held-out metrics as one JSON line.
// Usage: ops/train-synthetic.sh [--out DIR] [--train N] [--test N] [--epochs N] [--fusion mean|ordered] [--seed N] [--batch N]
//   [--lr X] [--cnn-lr X] [--objectives itm,qa,tags,contrastive,visual_tags,mlm] [--image-size N] [--warmup X] [--clips N] [--hard N]
//   [--visual-warmup N] [--temporal-shift] [--[no-]grid-shift] [--[no-]time-reversal] [--frames T] [--fps X] (every default is SyntheticTrainingOptions')
//   [--evaluate CHECKPOINT] (only the breakdown of a checkpoint trained earlier on the same videos)
//   [--breakdown] (QA accuracy per question kind, held-out, on the training videos (an overfitting check) and on the
//   held-out moving scenes reversed (what mean fusion cannot tell apart))
using System.Globalization;
using System.Text.Json;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Synthetic;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "");
int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
double Double(string name, double fallback) => options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
// --objectives itm,qa,tags,contrastive,visual_tags,mlm (default: the recipe's; --objectives lists every one to train)
bool Objective(string name, bool fallback = true) => options.TryGetValue("objectives", out var list) ? list.Split(',').Contains(name) : fallback;
// --grid-shift / --no-grid-shift and the like: on or off, else the recipe's default for the fusion.
bool Switch(string name, bool fallback) => options.ContainsKey(name) || (!options.ContainsKey("no-" + name) && fallback);
var fusion = options.GetValueOrDefault("fusion", "mean") == "ordered" ? TemporalFusion.Ordered : TemporalFusion.Mean;
// The recipe's defaults for this fusion (the grid shift and time reversal follow it).
var defaults = new SyntheticTrainingOptions { WorkDirectory = ".", TemporalFusion = fusion };
var run = new SyntheticTrainingOptions
{
    WorkDirectory = Path.GetFullPath(options.GetValueOrDefault("out", "artifacts/synthetic")),
    TrainVideos = Int("train", defaults.TrainVideos),
    TestVideos = Int("test", defaults.TestVideos),
    Seed = Int("seed", defaults.Seed),
    TemporalFusion = fusion,
    TemporalShift = options.ContainsKey("temporal-shift"),
    GridTemporalShift = Switch("grid-shift", defaults.GridTemporalShift),
    TimeReversal = Switch("time-reversal", defaults.TimeReversal),
    ImageSize = Int("image-size", defaults.ImageSize),
    VisualWarmupEpochs = Int("visual-warmup", defaults.VisualWarmupEpochs),
    Training = defaults.Training with
    {
        Epochs = Int("epochs", defaults.Training.Epochs),
        BatchSize = Int("batch", defaults.Training.BatchSize),
        CnnLearningRate = Double("cnn-lr", defaults.Training.CnnLearningRate),
        TransformerLearningRate = Double("lr", defaults.Training.TransformerLearningRate),
        WarmupFraction = Double("warmup", defaults.Training.WarmupFraction),
        TrainClips = Int("clips", defaults.Training.TrainClips),
        FramesPerClip = Int("frames", defaults.Training.FramesPerClip),
        FramesPerSecond = Double("fps", defaults.Training.FramesPerSecond),
        HardNegatives = Int("hard", defaults.Training.HardNegatives),
        Retrieval = Objective("itm"),
        QuestionAnswering = Objective("qa"),
        Tagging = Objective("tags"),
        DualEncoder = Objective("contrastive"),
        VisualTagging = Objective("visual_tags", defaults.Training.VisualTagging),
        MaskedLanguageModelling = Objective("mlm", defaults.Training.MaskedLanguageModelling),
    },
};
if (options.TryGetValue("evaluate", out var saved))
{
    // --evaluate CHECKPOINT: the breakdown of a checkpoint trained earlier on the same videos, no training.
    Console.WriteLine(JsonSerializer.Serialize(await BreakdownAsync(run, Path.GetFullPath(saved))));
    return;
}
var progress = new Progress<TrainingProgress>(p =>
{
    if (p.Step % 10 == 0 || p.Step == p.TotalSteps)
    {
        var parts = string.Join(" ", p.Losses.Select(l => $"{l.Key}={l.Value:F3}"));
        Console.Error.WriteLine($"epoch {p.Epoch + 1} step {p.Step}/{p.TotalSteps} loss {p.Loss:F3} ({parts}) lr {p.LearningRate:G3} {p.VideosPerSecond:F1} videos/s");
    }
});
var result = await SyntheticTraining.RunAsync(run, progress);
var breakdown = options.ContainsKey("breakdown") ? await BreakdownAsync(run, result.CheckpointDirectory) : null;
Console.WriteLine(JsonSerializer.Serialize(new
{
    fusion = fusion.ToString().ToLowerInvariant(),
    train_videos = run.TrainVideos,
    test_videos = run.TestVideos,
    epochs = run.Training.Epochs,
    temporal_shift = run.TemporalShift,
    grid_temporal_shift = run.GridTemporalShift,
    time_reversal = run.TimeReversal,
    frames_per_clip = run.Training.FramesPerClip,
    frames_per_second = run.Training.FramesPerSecond,
    recall_at_1 = result.Retrieval.RecallAt1,
    recall_at_5 = result.Retrieval.RecallAt5,
    recall_at_10 = result.Retrieval.RecallAt10,
    median_rank = result.Retrieval.MedianRank,
    dual_encoder_recall_at_1 = result.DualEncoderRetrieval.RecallAt1,
    dual_encoder_recall_at_5 = result.DualEncoderRetrieval.RecallAt5,
    search_recall_at_1 = result.SearchRetrieval.RecallAt1,
    search_recall_at_5 = result.SearchRetrieval.RecallAt5,
    search_median_rank = result.SearchRetrieval.MedianRank,
    qa_accuracy = result.QaAccuracy,
    colour_shape_qa_accuracy = result.ColourShapeQaAccuracy,
    motion_qa_accuracy = result.MotionQaAccuracy,
    final_loss = result.FinalLoss,
    training_seconds = result.TrainingTime.TotalSeconds,
    checkpoint = result.CheckpointDirectory,
    breakdown,
}));

// QA accuracy by question kind (its first two words) and R@1, on the held-out videos, on as many training videos, and
// on the held-out moving scenes played backwards ("test reversed": each moving the other way). Mean fusion sees a scene and
// its reversed twin alike, so its "which way" accuracies on "test" and "test reversed" add up to at most about 1; ordered
// fusion's can reach 2 ("which way, both directions" is their mean).
static async Task<Dictionary<string, Dictionary<string, double>>> BreakdownAsync(SyntheticTrainingOptions run, string checkpointDirectory)
{
    using var checkpoint = Checkpoint.Load(checkpointDirectory);
    var tokenizer = WordPieceTokenizer.FromVocabularyFile(checkpoint.VocabularyPath);
    var training = run.Training;
    var sets = new Dictionary<string, Dictionary<string, double>>();
    foreach (var split in new[] { "test", "train", "test reversed" })
    {
        var manifest = split switch
        {
            "test" => run.TestDirectory,
            "train" => run.TrainDirectory,
            _ => await ReversedAsync(run),
        };
        var examples = TrainingManifest.Read(Path.Combine(manifest, "manifest.jsonl")).Take(run.TestVideos).ToArray();
        var videos = await TrainingVideos.DecodeAsync(new VideoSampler(), examples, training.CachedClips, training.FramesPerClip, training.FramesPerSecond, run.ImageSize);
        try
        {
            var data = new TrainingSet(examples, videos, t => tokenizer.Encode(t, training.MaxTextLength).Ids, checkpoint.Answers!, checkpoint.Tags!);
            var metrics = new Dictionary<string, double>
            {
                ["r@1"] = Evaluator.Retrieval(checkpoint.Model, data, training.Consensus).RecallAt1,
                ["r@1 dual encoder"] = Evaluator.Retrieval(checkpoint.Model, data, training.Consensus, scoring: RetrievalScoring.DualEncoder).RecallAt1,
                ["r@1 combined"] = Evaluator.Retrieval(checkpoint.Model, data, training.Consensus, scoring: RetrievalScoring.Combined).RecallAt1,
            };
            foreach (var kind in examples.SelectMany(e => e.Questions).Select(q => Kind(q.Question)).Distinct().Order())
            {
                metrics[kind] = Math.Round(Evaluator.QuestionAnsweringAccuracy(checkpoint.Model, data, training.Consensus, filter: q => Kind(q.Question) == kind), 3);
            }
            // How "which way" is answered: "which way left -> right" counts left movers answered "right".
            var directions = Evaluator.Answers(checkpoint.Model, data, training.Consensus, filter: q => q.Question.StartsWith("which way", StringComparison.Ordinal));
            foreach (var answer in directions.GroupBy(a => $"which way {a.Question.Answer} -> {a.Predicted}").OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                metrics[answer.Key] = answer.Count();
            }
            sets[split] = metrics;
        }
        finally
        {
            foreach (var video in videos)
            {
                video.Dispose();
            }
        }
    }
    sets["test reversed"]["which way, both directions"] = Math.Round((sets["test"]["which way"] + sets["test reversed"]["which way"]) / 2, 3);
    return sets;

    static string Kind(string question) =>
        string.Join(' ', question.Split(' ').Take(2)) + (question.Contains("background", StringComparison.Ordinal) ? " background" : "");
}

// The held-out moving scenes, each moving the other way, generated beside the held-out videos.
static async Task<string> ReversedAsync(SyntheticTrainingOptions run)
{
    var held = await SyntheticManifest.ReadAsync(Path.Combine(run.TestDirectory, SyntheticManifest.FileName));
    var reversed = held.Take(run.TestVideos).Select(v => v.Scene).Where(s => s.Motion != MotionDirection.None)
        .Select(s => s with { Motion = s.Motion.Opposite() })
        .ToArray();
    var directory = run.TestDirectory + "-reversed";
    await new SyntheticVideoGenerator().GenerateAsync(directory, reversed, run.VideoEncoding);
    return directory;
}
