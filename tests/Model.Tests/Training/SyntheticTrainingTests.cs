using VideoLang.Model.Checkpoints;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Tests.Training;

/// <summary>
/// The whole path on real parts: generated videos (ffmpeg), decoding, training the tiny model
/// (libtorch), evaluation, a checkpoint on disk, and predictions from it with clip evidence. The
/// full learning numbers come from ops/train-synthetic.sh (docs/learning.md); here a shorter run with a
/// threshold it clears.
/// </summary>
public sealed class SyntheticTrainingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-learning-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RunAsync_WritesACheckpointThatServesPredictionsWithClipEvidence()
    {
        var options = new SyntheticTrainingOptions
        {
            WorkDirectory = _directory,
            TrainVideos = 12,
            TestVideos = 6,
            VideoSeconds = 2,
            VisualWarmupEpochs = 1,
            Training = new TrainingOptions { Epochs = 2, BatchSize = 6, CnnLearningRate = 2e-3, TransformerLearningRate = 1e-3 },
        };
        var result = await SyntheticTraining.RunAsync(options);

        Assert.Equal(options.TestVideos, result.Retrieval.Queries);
        Assert.InRange(result.Retrieval.MedianRank, 1, options.TestVideos);
        Assert.InRange(result.QaAccuracy, 0, 1);
        Assert.True(double.IsFinite(result.FinalLoss));
        Assert.Equal(options.Recipe(), File.ReadAllText(Path.Combine(result.CheckpointDirectory, SyntheticTraining.RecipeFile)));

        // The checkpoint serves through the inference API, and every answer points at its clips.
        using var checkpoint = Checkpoint.Load(result.CheckpointDirectory);
        var tokenizer = WordPieceTokenizer.FromVocabularyFile(checkpoint.VocabularyPath);
        var predictor = new ClipBertPredictor(checkpoint.Model, t => tokenizer.Encode(t, 32).Ids, checkpoint.Answers, checkpoint.Tags);
        var test = TrainingManifest.Read(Path.Combine(options.TestDirectory, "manifest.jsonl"));
        var sampler = new VideoSampler();
        using var batch = await sampler.SampleAsync(test[0].VideoPath, new ClipSampling(ClipCount: 3), SamplingMode.Inference, new FrameSpec(128));
        using var features = predictor.Encode(batch);
        var answer = predictor.Answer(features, test[0].Questions[0].Question)[0];
        Assert.Equal(3, answer.Evidence.Count);
        Assert.All(answer.Evidence, e => Assert.InRange(e.StartSeconds, 0, batch.Video.DurationSeconds));
        Assert.InRange(answer.Score, 0, 1);
        var matches = predictor.Match(test[0].Captions[0], [features, features]);
        Assert.Equal(matches[0].Score, matches[1].Score, 4);
        Assert.NotEmpty(predictor.Tags(features, threshold: 0));
    }

    [Fact]
    public async Task RunAsync_FindsHeldOutVideosByTheirCaptions_AfterAShortRun()
    {
        // The default recipe, shortened: 200 training videos, a CNN warm-up, a few epochs of the
        // dual encoder and the visual tag classifier. Chance for R@1 among 50 is 0.02.
        // Measured here: R@1 0.22, R@5 0.82 (training is deterministic for the seed).
        var result = await ShortRunAsync(trainVideos: 200, warmupEpochs: 25, epochs: 8, questionAnswering: false, dualEncoder: true);

        Assert.True(result.DualEncoderRetrieval.RecallAt1 >= 0.15, $"held-out R@1 {result.DualEncoderRetrieval.RecallAt1:F2}, R@5 {result.DualEncoderRetrieval.RecallAt5:F2}");
        Assert.True(result.DualEncoderRetrieval.RecallAt5 >= 0.6, $"held-out R@5 {result.DualEncoderRetrieval.RecallAt5:F2}");
    }

    [Fact]
    public async Task RunAsync_NamesTheColoursAndShapesOfHeldOutVideos_AfterAShortRun()
    {
        // The default recipe's QA, shortened: 400 videos, a long CNN warm-up (what makes colour and
        // shape readable), then only QA and the visual tag classifier, 500 steps. Chance is about
        // 0.13 (ten colours for two of the three questions, five shapes for the third); measured
        // here 0.44 (200 videos and 208 steps stay at chance).
        var result = await ShortRunAsync(trainVideos: 400, warmupEpochs: 40, epochs: 20, questionAnswering: true, dualEncoder: false);

        Assert.True(result.ColourShapeQaAccuracy >= 0.3, $"held-out colour/shape QA {result.ColourShapeQaAccuracy:F2}");
    }

    /// <summary>50 held-out videos, one clip per step, the default rates, the visual tag classifier on.</summary>
    private Task<SyntheticTrainingResult> ShortRunAsync(int trainVideos, int warmupEpochs, int epochs, bool questionAnswering, bool dualEncoder) =>
        SyntheticTraining.RunAsync(new SyntheticTrainingOptions
        {
            WorkDirectory = _directory,
            TrainVideos = trainVideos,
            TestVideos = 50,
            VisualWarmupEpochs = warmupEpochs,
            Training = new TrainingOptions
            {
                Epochs = epochs, BatchSize = 16, TrainClips = 1, CnnLearningRate = 3e-4, TransformerLearningRate = 2e-3, VisualTagging = true,
                Retrieval = false, Tagging = false, QuestionAnswering = questionAnswering, DualEncoder = dualEncoder,
            },
        });
}
