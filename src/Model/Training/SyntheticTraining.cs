using System.Diagnostics;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Tokenization;
using VideoLang.Sampler;
using VideoLang.Sampler.Synthetic;
using VideoLang.Torch;

namespace VideoLang.Model.Training;

/// <summary>
/// Generates train and held-out videos of disjoint scenes, builds a WordPiece vocabulary and the
/// answer/tag vocabularies from the training texts, trains the tiny model, evaluates retrieval
/// and QA on the held-out videos, and saves the checkpoint with the recipe that trained it.
/// </summary>
public static class SyntheticTraining
{
    /// <summary>The file beside the checkpoint's weights that holds <see cref="SyntheticTrainingOptions.Recipe"/>.</summary>
    public const string RecipeFile = "synthetic-recipe.json";

    /// <summary>Runs the recipe; <paramref name="sampler"/> (default: default options) decodes the videos, so configured limits and timeouts apply.</summary>
    public static async Task<SyntheticTrainingResult> RunAsync(SyntheticTrainingOptions options, IProgress<TrainingProgress>? progress = null,
        VideoSampler? sampler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (trainScenes, testScenes) = DisjointScenes(options);
        var encoding = options.VideoEncoding;
        var train = await GenerateAsync(options.TrainDirectory, trainScenes, encoding, cancellationToken).ConfigureAwait(false);
        var test = await GenerateAsync(options.TestDirectory, testScenes, encoding, cancellationToken).ConfigureAwait(false);

        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(train.SelectMany(e => e.Captions.Concat(e.Questions.Select(q => q.Question))));
        var vocabularyPath = Path.Combine(options.WorkDirectory, "vocab.txt");
        builder.Build().Save(vocabularyPath);
        var tokenizer = WordPieceTokenizer.FromVocabularyFile(vocabularyPath);
        var training = options.TrainingAsRun;
        IReadOnlyList<int> Encode(string text) => tokenizer.Encode(text, training.MaxTextLength).Ids;
        var answers = LabelVocabulary.Build(train.SelectMany(e => e.Questions.Select(q => q.Answer)));
        var tags = LabelVocabulary.Build(train.SelectMany(e => e.Tags));

        sampler ??= new VideoSampler();
        var trainVideos = await TrainingVideos.DecodeAsync(sampler, train, training.CachedClips, training.FramesPerClip, training.FramesPerSecond, options.ImageSize, cancellationToken).ConfigureAwait(false);
        var testVideos = await TrainingVideos.DecodeAsync(sampler, test, training.CachedClips, training.FramesPerClip, training.FramesPerSecond, options.ImageSize, cancellationToken).ConfigureAwait(false);
        try
        {
            var trainSet = new TrainingSet(train, trainVideos, Encode, answers, tags) { MaskTokenId = tokenizer.MaskId };
            var testSet = new TrainingSet(test, testVideos, Encode, answers, tags);
            TorchRuntime.ManualSeed((ulong)options.Seed);
            var config = ClipBertConfig.Tiny(tokenizer.Vocabulary.Count, options.TemporalFusion) with
            {
                ImageSize = options.ImageSize, FramesPerClip = training.FramesPerClip, FramesPerSecond = training.FramesPerSecond, TemporalShift = options.TemporalShift, GridTemporalShift = options.GridTemporalShift,
                AnswerCount = answers.Count, TagCount = tags.Count,
            };
            using var model = new ClipBertModel(config);
            var watch = Stopwatch.StartNew();
            double loss;
            if (options.VisualWarmupEpochs > 0)
            {
                using var warmup = new ClipBertTrainer(model, VisualWarmup(training, options.VisualWarmupEpochs));
                warmup.Train(trainSet, progress, cancellationToken);
            }
            using (var trainer = new ClipBertTrainer(model, training))
            {
                loss = trainer.Train(trainSet, progress, cancellationToken);
            }
            var elapsed = watch.Elapsed;
            var retrieval = Evaluator.Retrieval(model, testSet, training.Consensus);
            var dualEncoder = Evaluator.Retrieval(model, testSet, training.Consensus, scoring: RetrievalScoring.DualEncoder);
            var search = Evaluator.Retrieval(model, testSet, training.Consensus, scoring: RetrievalScoring.Combined);
            var qa = Evaluator.QuestionAnsweringAccuracy(model, testSet, training.Consensus);
            var colourShape = Evaluator.QuestionAnsweringAccuracy(model, testSet, training.Consensus, filter: q => q.Question.StartsWith("what colour", StringComparison.Ordinal) || q.Question.StartsWith("what shape", StringComparison.Ordinal));
            var motion = Evaluator.QuestionAnsweringAccuracy(model, testSet, training.Consensus, filter: q => q.Question.StartsWith("which way", StringComparison.Ordinal));
            var checkpoint = Path.Combine(options.WorkDirectory, "model");
            Checkpoint.Save(checkpoint, model, vocabularyPath, answers, tags);
            File.WriteAllText(Path.Combine(checkpoint, RecipeFile), options.Recipe());
            return new SyntheticTrainingResult(retrieval, dualEncoder, search, qa, colourShape, motion, loss, elapsed, checkpoint);
        }
        finally
        {
            foreach (var video in trainVideos.Concat(testVideos))
            {
                video.Dispose();
            }
        }
    }

    /// <summary>The CNN-only warm-up: <paramref name="training"/>'s rates and batches, the visual tag classifier as the only objective.</summary>
    private static TrainingOptions VisualWarmup(TrainingOptions training, int epochs) => new()
    {
        Epochs = epochs, BatchSize = training.BatchSize, TrainClips = training.TrainClips, CachedClips = training.CachedClips,
        FramesPerClip = training.FramesPerClip, FramesPerSecond = training.FramesPerSecond, CnnLearningRate = training.CnnLearningRate,
        TransformerLearningRate = training.TransformerLearningRate, WeightDecay = training.WeightDecay, Seed = training.Seed,
        Retrieval = false, QuestionAnswering = false, Tagging = false, DualEncoder = false, VisualTagging = true, TimeReversal = training.TimeReversal,
    };

    /// <summary>Random scenes, split so that no held-out scene (shape, colours, place, motion, word) occurs in training.</summary>
    private static (IReadOnlyList<SceneSpec> Train, IReadOnlyList<SceneSpec> Test) DisjointScenes(SyntheticTrainingOptions options)
    {
        var pool = SyntheticVideoGenerator.RandomScenes((options.TrainVideos + options.TestVideos) * 3, options.Seed).Distinct().ToArray();
        var test = pool.Take(options.TestVideos).ToArray();
        var held = test.ToHashSet();
        var train = pool.Skip(options.TestVideos).Where(s => !held.Contains(s)).Take(options.TrainVideos).ToArray();
        if (test.Length < options.TestVideos || train.Length < options.TrainVideos)
        {
            throw new InvalidOperationException($"Only {train.Length} + {test.Length} distinct scenes for {options.TrainVideos} + {options.TestVideos} videos.");
        }
        return (train, test);
    }

    /// <summary>Generates the videos unless a manifest for the same scenes, with their reversed descriptions, is already there.</summary>
    private static async Task<IReadOnlyList<TrainingExample>> GenerateAsync(string directory, IReadOnlyList<SceneSpec> scenes, VideoEncoding encoding, CancellationToken cancellationToken)
    {
        var manifest = Path.Combine(directory, "manifest.jsonl");
        if (File.Exists(manifest))
        {
            var existing = TrainingManifest.Read(manifest);
            if (existing.Count == scenes.Count && existing.All(e => e.Reversed is not null && File.Exists(e.VideoPath)))
            {
                return existing;
            }
        }
        await new SyntheticVideoGenerator().GenerateAsync(directory, scenes, encoding, cancellationToken).ConfigureAwait(false);
        return TrainingManifest.Read(manifest);
    }
}
