using VideoLang.Model.Checkpoints;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

namespace VideoLang.Model.Tests.Training;

/// <summary>
/// The learning evidence, short version: the tiny model trained on CPU on generated videos must
/// beat chance by a wide margin on held-out scenes it never saw, and the saved checkpoint must
/// answer through the inference API with clip evidence. (ops/train-synthetic.sh runs the long version.)
/// </summary>
public sealed class SyntheticLearningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-learning-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task TinyModel_LearnsRetrievalAndQa_OnHeldOutSyntheticVideos()
    {
        var options = new SyntheticTrainingOptions
        {
            WorkDirectory = _directory,
            TrainVideos = LearningBudget.TrainVideos,
            TestVideos = LearningBudget.TestVideos,
            Training = new TrainingOptions
            {
                Epochs = LearningBudget.Epochs,
                BatchSize = 16,
                CnnLearningRate = 2e-3,
                TransformerLearningRate = 1e-3,
            },
        };
        var result = await SyntheticTraining.RunAsync(options);

        var chance = 1.0 / options.TestVideos;
        Assert.True(result.Retrieval.RecallAt1 >= LearningBudget.MinRecallAt1,
            $"R@1 {result.Retrieval.RecallAt1:F2} over {options.TestVideos} candidates (chance {chance:F2}); R@5 {result.Retrieval.RecallAt5:F2}, median rank {result.Retrieval.MedianRank}");
        Assert.True(result.Retrieval.MedianRank <= LearningBudget.MaxMedianRank, $"median rank {result.Retrieval.MedianRank}");
        Assert.True(result.ColourShapeQaAccuracy >= LearningBudget.MinColourShapeAccuracy, $"colour/shape QA accuracy {result.ColourShapeQaAccuracy:F2}");

        // The checkpoint serves through the inference API, and every answer points at its clips.
        using var checkpoint = Checkpoint.Load(result.CheckpointDirectory);
        var tokenizer = WordPieceTokenizer.FromVocabularyFile(checkpoint.VocabularyPath);
        var predictor = new ClipBertPredictor(checkpoint.Model, t => tokenizer.Encode(t, 32).Ids, checkpoint.Answers, checkpoint.Tags);
        var test = TrainingManifest.Read(Directory.GetFiles(_directory, "manifest.jsonl", SearchOption.AllDirectories).First(p => p.Contains("test-", StringComparison.Ordinal)));
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
}
