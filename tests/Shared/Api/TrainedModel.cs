using System.Diagnostics;
using System.Globalization;
using VideoLang.Model;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Synthetic;
using VideoLang.Torch;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>
/// A tiny model trained once per test run on six generated videos, until its cross-encoder (the search
/// re-ranker) puts each video first for its own caption by a clear margin. Overfitting is the point:
/// the search test asks for one of these same videos by its caption, so rank 1 must follow from the
/// model, not from luck. Training fails the run, with its numbers, if no seed gets there.
/// </summary>
public sealed class TrainedModel
{
    /// <summary>Clips per video, in training and at ingest (Worker:ClipCount), so the server scores what the check scored.</summary>
    public const int ClipCount = 2;

    /// <summary>Frame size; 64 px gives one visual token per frame, plenty for flat colours and quick on a CPU.</summary>
    public const int ImageSize = 64;

    // Six backgrounds far apart in colour, each used once and never as a shape colour: a caption's
    // background word alone names its video, which a tiny model learns in seconds (blue and purple, or
    // black and gray, take it much longer). Shapes, motion and positions vary too.
    private static readonly SceneSpec[] s_scenes =
    [
        new(ShapeKind.Circle, SceneColor.Orange, SceneColor.Black),
        new(ShapeKind.Square, SceneColor.Cyan, SceneColor.Blue, Motion: MotionDirection.Right),
        new(ShapeKind.Triangle, SceneColor.Purple, SceneColor.Green, ScenePosition.Left),
        new(ShapeKind.Diamond, SceneColor.Gray, SceneColor.Yellow, Motion: MotionDirection.Down),
        new(ShapeKind.Cross, SceneColor.Cyan, SceneColor.Red, ScenePosition.Top),
        new(ShapeKind.Circle, SceneColor.Orange, SceneColor.White, Motion: MotionDirection.Left),
    ];


    // Seeds tried in turn; the first usually gets there.
    private static readonly int[] s_seeds = [1, 2, 3];
    private const int MaxEpochs = 200;
    private const int SpareCount = 4;
    private const int CheckEvery = 10;

    /// <summary>How much higher (in match logits) each video must score for its own caption than any other video.</summary>
    private const double RequiredMargin = 2.0;

    private static readonly Lazy<Task<TrainedModel>> s_shared = new(() => Task.Run(TrainAsync));

    private TrainedModel(string checkpointPath, IReadOnlyList<TrainedVideo> videos, IReadOnlyList<string> spareVideos, double margin, int seed, int epochs,
        TimeSpan trainingTime)
    {
        TrainingTime = trainingTime;
        CheckpointPath = checkpointPath;
        Videos = videos;
        SpareVideos = spareVideos;
        Margin = margin;
        Seed = seed;
        Epochs = epochs;
    }

    public string CheckpointPath { get; }

    public IReadOnlyList<TrainedVideo> Videos { get; }

    /// <summary>More videos of other scenes, never trained on: content no other test of a class uploads.</summary>
    public IReadOnlyList<string> SpareVideos { get; }

    /// <summary>The smallest gap between a video's score for its own caption and the best other video's; above 0 means recall@1 is 1.</summary>
    public double Margin { get; }

    public int Seed { get; }

    public int Epochs { get; }

    /// <summary>Generating, decoding and training, for the test log.</summary>
    public TimeSpan TrainingTime { get; }

    public static Task<TrainedModel> GetAsync() => s_shared.Value;

    private static async Task<TrainedModel> TrainAsync()
    {
        var watch = Stopwatch.StartNew();
        // One intra-op thread: the model is tiny, and on a small shared machine a second OpenMP thread
        // spins waiting for a core instead of helping. It stays so for the servers of the run.
        TorchRuntime.Threads = 1;
        var directory = Directory.CreateTempSubdirectory("vl-api-model-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        var videoDirectory = Path.Combine(directory, "videos");
        var encoding = new VideoEncoding { Width = 96, Height = 72, DurationSeconds = 3, KeyframeInterval = 10 };
        await new SyntheticVideoGenerator().GenerateAsync(videoDirectory, s_scenes, encoding);
        var spareDirectory = Path.Combine(directory, "spare");
        var spares = await new SyntheticVideoGenerator().GenerateAsync(spareDirectory, SpareCount, seed: 5, encoding);
        var examples = TrainingManifest.Read(Path.Combine(videoDirectory, SyntheticManifest.FileName));

        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(examples.SelectMany(e => e.Captions.Concat(e.Questions.Select(q => q.Question))));
        var vocabularyPath = Path.Combine(directory, "vocab.txt");
        builder.Build().Save(vocabularyPath);
        var tokenizer = WordPieceTokenizer.FromVocabularyFile(vocabularyPath);
        var answers = LabelVocabulary.Build(examples.SelectMany(e => e.Questions.Select(q => q.Answer)));
        var tags = LabelVocabulary.Build(examples.SelectMany(e => e.Tags));
        var decoded = await TrainingVideos.DecodeAsync(new VideoSampler(), examples, ClipCount, framesPerClip: 2, framesPerSecond: 2, ImageSize);
        try
        {
            var data = new TrainingSet(examples, decoded, t => tokenizer.Encode(t, 32).Ids, answers, tags);
            var tried = new List<string>();
            foreach (var seed in s_seeds)
            {
                using var model = Train(data, tokenizer.Vocabulary.Count, seed, out var epochs, out var margin);
                if (margin >= RequiredMargin)
                {
                    var checkpoint = Path.Combine(directory, "checkpoint");
                    Checkpoint.Save(checkpoint, model, vocabularyPath, answers, tags);
                    var videos = examples.Select(e => new TrainedVideo(e.VideoPath, e.Captions[0], e.Questions.Select(q => (q.Question, q.Answer)).ToArray())).ToArray();
                    return new TrainedModel(checkpoint, videos, spares.Select(v => Path.Combine(spareDirectory, v.File)).ToArray(), margin, seed, epochs, watch.Elapsed);
                }
                tried.Add(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: margin {margin:F2} after {epochs} epochs"));
            }
            throw new InvalidOperationException($"The test model did not learn to tell its {examples.Count} videos apart by caption (needs margin {RequiredMargin}): {string.Join("; ", tried)}.");
        }
        finally
        {
            foreach (var video in decoded)
            {
                video.Dispose();
            }
        }
    }

    /// <summary>Trains from <paramref name="seed"/> until the margin is reached (checked every few epochs) or the epochs run out.</summary>
    private static ClipBertModel Train(TrainingSet data, long vocabularySize, int seed, out int epochs, out double margin)
    {
        TorchRuntime.ManualSeed((ulong)seed);
        var model = new ClipBertModel(ClipBertConfig.Tiny(vocabularySize) with { ImageSize = ImageSize, AnswerCount = data.Answers.Count, TagCount = data.Tags.Count });
        // Matching and the dual encoder are what search ranks by; QA teaches the CNN colours and shapes much faster than matching alone does.
        var options = new TrainingOptions
        {
            Epochs = MaxEpochs,
            BatchSize = data.Count,
            CachedClips = ClipCount,
            TrainClips = ClipCount,
            CnnLearningRate = 2e-3,
            TransformerLearningRate = 1e-3,
            Tagging = false,
            Seed = seed,
        };
        var reached = double.NegativeInfinity;
        var done = 0;
        using var stop = new CancellationTokenSource();
        using (var trainer = new ClipBertTrainer(model, options))
        {
            try
            {
                trainer.Train(data, cancellationToken: stop.Token, epochCompleted: epoch =>
                {
                    done = epoch + 1;
                    if (done % CheckEvery != 0)
                    {
                        return;
                    }
                    reached = WorstMargin(model, data);
                    model.Train();
                    if (reached >= RequiredMargin)
                    {
                        stop.Cancel();
                    }
                });
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped on purpose: the margin is reached, more epochs only cost time.
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
        model.Eval();
        epochs = done;
        margin = reached;
        return model;
    }

    /// <summary>For each video's caption: its own score minus the best other video's (the smallest over all captions), as search scores.</summary>
    private static double WorstMargin(ClipBertModel model, TrainingSet data)
    {
        var scores = Evaluator.CaptionScores(model, data, RetrievalScoring.Combined);
        return Enumerable.Range(0, data.Count).Min(q => scores[q]![q] - Enumerable.Range(0, data.Count).Where(v => v != q).Max(v => scores[q]![v]));
    }
}
