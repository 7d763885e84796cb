using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Model.Vision;
using VideoLang.Sampler.Decoding;
using VideoLang.Torch;
using VideoLang.Torch.NN;

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

    [Theory]
    [InlineData(TemporalFusion.Ordered, true, true)]
    [InlineData(TemporalFusion.Mean, false, false)]
    public void Train_WithTimeReversal_TellsAClipFromItsReverse_OnlyWhenTheModelSeesTheOrder(TemporalFusion fusion, bool gridShift, bool tellsApart)
    {
        // Every video fades black to white: "it gets brighter", answered "brighter", tagged "brightening".
        // Only time reversal shows the model white to black, described the other way round. ClipBERT's
        // mean fusion sees both clips alike, so it cannot tell them apart in any head.
        var (data, fade) = FadeData();
        TorchRuntime.ManualSeed(5);
        using var model = new ClipBertModel(ClipBertConfig.Tiny(64, fusion) with
        {
            ImageSize = 64, TagCount = data.Tags.Count, AnswerCount = data.Answers.Count, GridTemporalShift = gridShift,
        });
        using var trainer = new ClipBertTrainer(model, new TrainingOptions
        {
            Epochs = 60, BatchSize = 8, CnnLearningRate = 2e-3, TransformerLearningRate = 2e-3, DualEncoder = false, TimeReversal = true,
        });
        trainer.Train(data);

        using var scope = new DisposeScope();
        var backwards = fade.IndexSelect(1, Tensor.FromArray(new long[] { 1, 0 }));
        var (forward, backward) = (Probabilities(model, data, fade), Probabilities(model, data, backwards));
        string Told(Dictionary<string, float> p) => string.Join(", ", p.Select(kv => $"{kv.Key} {kv.Value:F3}"));
        var told = forward["tag brightening"] > 0.8 && forward["tag darkening"] < 0.2 && backward["tag darkening"] > 0.8 && backward["tag brightening"] < 0.2
            && forward["answer brighter"] > 0.8 && backward["answer darker"] > 0.8
            && forward["match it gets brighter"] > forward["match it gets darker"] && backward["match it gets darker"] > backward["match it gets brighter"];
        Assert.True(told == tellsApart, $"forward: {Told(forward)}; backward: {Told(backward)}");
    }

    [Fact]
    public void Train_WithTimeReversal_ChangesNothing_WhenNoExampleSaysWhatItsReverseShows()
    {
        var data = Data();
        double Loss(bool timeReversal)
        {
            using var model = NewModel(data);
            using var trainer = new ClipBertTrainer(model, new TrainingOptions
            {
                Epochs = 2, BatchSize = 4, CnnLearningRate = 1e-3, TransformerLearningRate = 1e-3, TimeReversal = timeReversal,
            });
            return trainer.Train(data);
        }

        Assert.Equal(Loss(timeReversal: false), Loss(timeReversal: true));
    }

    /// <summary>The fade data's tag and answer probabilities and each caption's match probability for one clip.</summary>
    private static Dictionary<string, float> Probabilities(ClipBertModel model, TrainingSet data, Tensor clip)
    {
        using var scope = new DisposeScope();
        var tokens = model.VisualTokens(FramePreprocessor.Normalize(clip)).Unsqueeze(0);
        float[] Scores(string text, Func<Tensor, Tensor> head)
        {
            using var encoded = TextBatch.From([data.EncodeText(text)]);
            return Functional.Softmax(CrossScoring.ClipLogits(model, encoded, tokens, head), -1).Flatten().ToArray<float>();
        }
        using (var encoded = TextBatch.From([data.EncodeText("")]))
        {
            var tags = CrossScoring.ClipLogits(model, encoded, tokens, model.TagLogits).Sigmoid().Flatten().ToArray<float>();
            var answers = Scores(FadeQuestion, model.AnswerLogits);
            return data.Tags.Labels.Select((t, i) => ($"tag {t}", tags[i]))
                .Concat(data.Answers.Labels.Select((a, i) => ($"answer {a}", answers[i])))
                .Concat(new[] { "it gets brighter", "it gets darker" }.Select(c => ($"match {c}", Scores(c, model.MatchLogits)[1])))
                .ToDictionary(p => p.Item1, p => p.Item2);
        }
    }

    private const string FadeQuestion = "which way does it fade?";

    /// <summary>
    /// Eight "videos" of one clip fading black to white (two frames), described as brightening and, played
    /// backwards, as darkening; and that clip, (1, 2, 64, 64, 3).
    /// </summary>
    private (TrainingSet Data, Tensor Fade) FadeData()
    {
        var pixels = new byte[2 * 64 * 64 * 3];
        Array.Fill(pixels, (byte)250, 64 * 64 * 3, 64 * 64 * 3);
        var fade = Tensor.FromArray(pixels, [1, 2, 64, 64, 3]).DetachFromDisposeScope();
        var examples = Enumerable.Range(0, 8).Select(i => new TrainingExample($"fade-{i}.mp4", ["it gets brighter"], [new QaItem(FadeQuestion, "brighter")], ["brightening"])
        {
            Reversed = new TrainingExample($"fade-{i}.mp4", ["it gets darker"], [new QaItem(FadeQuestion, "darker")], ["darkening"]),
        }).ToArray();
        var clips = new[] { new DecodedClip(0, 0, 1, [0.25, 0.75], [0.25, 0.75], 0, []) };
        var videos = examples.Select(_ => new DecodedVideo(Tensor.FromArray(pixels, [1, 2, 64, 64, 3]).DetachFromDisposeScope(), clips)).ToArray();
        _videos.AddRange(videos);
        _videos.Add(new DecodedVideo(fade, clips));
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(["it gets brighter", "it gets darker", FadeQuestion]);
        var tokenizer = new WordPieceTokenizer(builder.Build());
        var data = new TrainingSet(examples, videos, t => tokenizer.Encode(t, 16).Ids,
            new LabelVocabulary(["brighter", "darker"]), new LabelVocabulary(["brightening", "darkening"]));
        return (data, fade);
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
