using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Training;

public sealed class ClipBertTrainerTests : IDisposable
{
    private static readonly string[] s_colours = ["red", "green", "blue", "white", "black", "yellow"];
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-trainer-").FullName;
    private readonly List<DecodedVideo> _videos = [];

    public void Dispose()
    {
        foreach (var video in _videos)
        {
            video.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Train_ResumedFromSavedState_EndsWhereAnUninterruptedRunEnds()
    {
        var options = new TrainingOptions { Epochs = 2, BatchSize = 4, TrainClips = 2, CnnLearningRate = 1e-3, TransformerLearningRate = 1e-3 };
        var data = Data();

        using var straight = NewModel(data);
        using (var trainer = new ClipBertTrainer(straight, options))
        {
            trainer.Train(data);
        }

        var state = Path.Combine(_directory, "optimizer.safetensors");
        using var interrupted = NewModel(data);
        using (var trainer = new ClipBertTrainer(interrupted, options))
        using (var stop = new CancellationTokenSource())
        {
            Assert.ThrowsAny<OperationCanceledException>(() => trainer.Train(data, cancellationToken: stop.Token, epochCompleted: _ =>
            {
                trainer.SaveState(state);
                stop.Cancel();
            }));
        }
        using var resumed = NewModel(data);
        resumed.LoadStateDict(interrupted.StateDict());
        using (var trainer = new ClipBertTrainer(resumed, options))
        {
            trainer.LoadState(state);
            Assert.Equal(2, trainer.Step);
            trainer.Train(data);
            Assert.Equal(4, trainer.Step);
        }

        var expected = straight.StateDict();
        foreach (var (name, tensor) in resumed.StateDict())
        {
            Assert.True(tensor.AllClose(expected[name], 1e-4, 1e-6), $"{name} differs after resuming");
        }
    }

    [Fact]
    public void Train_LowersTheLoss_OnASmallSet()
    {
        var data = Data();
        using var model = NewModel(data);
        var losses = new List<double>();
        using var trainer = new ClipBertTrainer(model, new TrainingOptions { Epochs = 20, BatchSize = 8, CnnLearningRate = 2e-3, TransformerLearningRate = 2e-3 });
        trainer.Train(data, new SynchronousProgress(p => losses.Add(p.Loss)));
        Assert.True(losses.TakeLast(3).Average() < losses.Take(3).Average() * 0.8, $"loss went from {losses.Take(3).Average():F3} to {losses.TakeLast(3).Average():F3}");
    }

    [Fact]
    public void Train_ReportsEveryObjective_WithHardNegativesAndVisualTags()
    {
        var data = Data();
        using var model = NewModel(data);
        var losses = new List<IReadOnlyDictionary<string, double>>();
        using var trainer = new ClipBertTrainer(model, new TrainingOptions
        {
            Epochs = 1, BatchSize = 8, CnnLearningRate = 3e-4, TransformerLearningRate = 2e-3, HardNegatives = 2, VisualTagging = true,
            MaskedLanguageModelling = true, MaskProbability = 0.5,
        });
        trainer.Train(data, new SynchronousProgress(p => losses.Add(p.Losses)));
        Assert.Equal(["contrastive", "itm", "mlm", "qa", "tags", "visual_tags"], losses.Single().Keys.Order());
        Assert.All(losses.Single().Values, v => Assert.True(double.IsFinite(v) && v > 0));
    }

    [Fact]
    public void Train_PredictsMaskedWordsFromTheVideo_WhenOnlyMaskedLanguageModellingIsTrained()
    {
        // Captions are "a <colour> screen" with every word masked: "a" and "screen" follow from their
        // place, the colour only from the pixels. Without the video the best mean loss is about
        // ln(8)/3 = 0.69 (a bit less where BERT's 10% keep the word); well under it, the masked
        // word is being read from the visual tokens.
        var data = Data();
        using var model = NewModel(data);
        using var trainer = new ClipBertTrainer(model, new TrainingOptions
        {
            Epochs = 60, BatchSize = 8, CnnLearningRate = 2e-3, TransformerLearningRate = 2e-3, MaskedLanguageModelling = true, MaskProbability = 1,
            Retrieval = false, QuestionAnswering = false, Tagging = false, DualEncoder = false,
        });
        var loss = trainer.Train(data);
        Assert.True(loss < 0.3, $"masked language loss {loss:F3}");
    }

    [Fact]
    public void Train_LearnsToAnswerFromTheVisualTokens_WhenOnlyQaIsTrained()
    {
        // Every video gets the same question; only the pixels tell the answers apart, so accuracy
        // above 1/6 proves the answer flows from the CNN through the cross-modal transformer.
        var data = Data();
        using var model = NewModel(data);
        using var trainer = new ClipBertTrainer(model, new TrainingOptions
        {
            Epochs = 40, BatchSize = 8, CnnLearningRate = 2e-3, TransformerLearningRate = 2e-3, Retrieval = false, Tagging = false, DualEncoder = false,
        });
        trainer.Train(data);
        Assert.True(Evaluator.QuestionAnsweringAccuracy(model, data) >= 0.9);
    }

    /// <summary>Eight "videos" whose frames are one flat colour, with captions, a question and tags about it.</summary>
    private TrainingSet Data()
    {
        var examples = new List<TrainingExample>();
        var videos = new List<DecodedVideo>();
        for (var i = 0; i < 8; i++)
        {
            var colour = s_colours[i % s_colours.Length];
            examples.Add(new TrainingExample($"video-{i}.mp4", [$"a {colour} screen"], [new QaItem("what colour is the screen?", colour)], [colour]));
            var rgb = ColourBytes(i % s_colours.Length);
            var pixels = new byte[4 * 2 * 64 * 64 * 3];
            for (var p = 0; p < pixels.Length; p++)
            {
                pixels[p] = rgb[p % 3];
            }
            var clips = Enumerable.Range(0, 4).Select(c => new DecodedClip(c, c, c + 1, [c, c + 0.5], [c, c + 0.5], 0, [])).ToArray();
            videos.Add(new DecodedVideo(Tensor.FromArray(pixels, [4, 2, 64, 64, 3]).DetachFromDisposeScope(), clips));
        }
        _videos.AddRange(videos);
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(examples.SelectMany(e => e.Captions.Append(e.Questions[0].Question)));
        var tokenizer = new WordPieceTokenizer(builder.Build());
        return new TrainingSet(examples, videos, t => tokenizer.Encode(t, 16).Ids,
            LabelVocabulary.Build(examples.Select(e => e.Questions[0].Answer)), LabelVocabulary.Build(examples.SelectMany(e => e.Tags)))
        {
            MaskTokenId = tokenizer.MaskId,
        };
    }

    private static ClipBertModel NewModel(TrainingSet data)
    {
        TorchRuntime.ManualSeed(5);
        var vocabulary = data.Examples.SelectMany(e => e.Captions).Count() + 64;
        return new ClipBertModel(ClipBertConfig.Tiny(vocabulary) with { ImageSize = 64, AnswerCount = data.Answers.Count, TagCount = data.Tags.Count });
    }

    private static byte[] ColourBytes(int index) => index switch
    {
        0 => [220, 20, 20],
        1 => [20, 200, 20],
        2 => [20, 20, 220],
        3 => [240, 240, 240],
        4 => [10, 10, 10],
        _ => [230, 230, 20],
    };

    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
