using System.Text.Json.Nodes;
using VideoLang.Model;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Heads;
using VideoLang.Model.Training;
using VideoLang.Torch;
using VideoLang.Torch.NN;
using VideoLang.Torch.Optim;

namespace VideoLang.Bench.Model;

/// <summary>
/// One training step of the tiny model with ClipBERT's recipe, from the parts
/// <see cref="ClipBertTrainer"/> uses: 16 videos × 2 clips × 2 frames at 128 px to visual tokens;
/// ITM (a positive and a negative text per video), QA and tags through CrossPooled with LogSumExp
/// over the clips; cross entropy and BCE; backward; gradient clipping; AdamW. Random inputs, the
/// same every step.
/// </summary>
internal sealed class TinyTrainingStep : IWorkload
{
    public const string WorkloadName = "tiny_training_step";

    private const int Videos = 16;
    private const int ClipsPerVideo = 2;
    private const int FramesPerClip = 2;
    private const int TextLength = 12;
    private const int VocabSize = 200;
    private const int AnswerCount = 30;
    private const int TagCount = 20;

    private readonly TrainingOptions _options = new();
    private readonly bool _cuda;
    private readonly ClipBertModel _model;
    private readonly AdamW _optimizer;
    private readonly List<Tensor> _inputs = [];
    private readonly Tensor _pixels;
    private readonly TextBatch _matchTexts;
    private readonly Tensor _matchRows;
    private readonly Tensor _matchLabels;
    private readonly TextBatch _questions;
    private readonly Tensor _answers;
    private readonly TextBatch _tagTexts;
    private readonly Tensor _tagTargets;

    public TinyTrainingStep(Device device)
    {
        TorchRuntime.ManualSeed(0);
        var random = new Random(0);
        _cuda = device.Type == DeviceType.Cuda;
        var config = ClipBertConfig.Tiny(vocabSize: VocabSize) with { AnswerCount = AnswerCount, TagCount = TagCount };
        _model = new ClipBertModel(config);
        _model.To(device);
        _model.Train();
        var cnn = _model.Cnn.Parameters().Where(p => p.RequiresGrad).ToHashSet(ReferenceEqualityComparer.Instance);
        _optimizer = new AdamW(
            [
                new ParameterGroup("cnn", cnn.Cast<Tensor>(), _options.CnnLearningRate, _options.WeightDecay),
                new ParameterGroup("transformer", _model.Parameters().Where(p => p.RequiresGrad && !cnn.Contains(p)), _options.TransformerLearningRate, _options.WeightDecay),
            ],
            _options.Beta1,
            _options.Beta2);

        _pixels = Keep(Tensors.Randn([Videos * ClipsPerVideo, FramesPerClip, 3, config.ImageSize, config.ImageSize], device: device));
        _matchTexts = Texts(2 * Videos, device);
        _matchRows = Keep(Tensor.FromArray(Enumerable.Range(0, 2 * Videos).Select(i => (long)(i / 2)).ToArray(), device));
        _matchLabels = Keep(Tensor.FromArray(Enumerable.Range(0, 2 * Videos).Select(i => (long)(1 - (i % 2))).ToArray(), device));
        _questions = Texts(Videos, device);
        _answers = Keep(Tensors.RandInt(0, AnswerCount, [Videos], device));
        _tagTexts = Texts(Videos, device);
        var targets = Enumerable.Range(0, Videos * TagCount).Select(_ => random.NextDouble() < 0.2 ? 1f : 0f).ToArray();
        _tagTargets = Keep(Tensor.FromArray(targets, [Videos, TagCount], device));
        Details = new JsonObject
        {
            ["config"] = config.Name,
            ["videos"] = Videos,
            ["clips_per_video"] = ClipsPerVideo,
            ["frames_per_clip"] = FramesPerClip,
            ["image_size"] = config.ImageSize,
            ["text_tokens"] = TextLength,
        };
    }

    public string Name => WorkloadName;

    public JsonObject Details { get; }

    public int Warmup => _cuda ? 5 : 2;

    public void Run()
    {
        using var scope = new DisposeScope();
        var flat = _model.VisualTokens(_pixels);
        var tokens = flat.View(Videos, ClipsPerVideo, flat.Size(1), flat.Size(2));
        var itm = Functional.CrossEntropy(VideoLogits(_matchTexts, tokens.IndexSelect(0, _matchRows), _model.MatchLogits), _matchLabels);
        var qa = Functional.CrossEntropy(VideoLogits(_questions, tokens, _model.AnswerLogits), _answers);
        var tags = Functional.BinaryCrossEntropyWithLogits(VideoLogits(_tagTexts, tokens, _model.TagLogits), _tagTargets);
        (itm + qa + tags).Backward();
        GradientClipping.ClipGradNorm(_model.Parameters(), _options.GradientClipNorm);
        _optimizer.Step();
        _optimizer.ZeroGrad();
    }

    public void Dispose()
    {
        foreach (var tensor in _inputs)
        {
            tensor.Dispose();
        }
        _optimizer.Dispose();
        _model.Dispose();
    }

    private Tensor VideoLogits(TextBatch texts, Tensor tokens, Func<Tensor, Tensor> head) =>
        ClipConsensus.Aggregate(CrossScoring.ClipLogits(_model, texts, tokens, head), _options.Consensus);

    private TextBatch Texts(int count, Device device) =>
        new(Keep(Tensors.RandInt(1, VocabSize, [count, TextLength], device)), Keep(Tensors.Ones([count, TextLength], ScalarType.Int64, device)));

    /// <summary>An input that lives as long as the workload, whatever scope is open.</summary>
    private Tensor Keep(Tensor tensor)
    {
        _inputs.Add(tensor.DetachFromDisposeScope());
        return tensor;
    }
}
