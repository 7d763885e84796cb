using System.Text.Json.Nodes;
using VideoLang.Model;
using VideoLang.Model.Configuration;
using VideoLang.Model.Heads;
using VideoLang.Model.Training;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.Serialization;

namespace VideoLang.Bench.Model;

/// <summary>
/// The clipbert-base forward for one video as the service scores it: 16 clips × 2 frames at 448 px
/// to visual tokens, one 20-token text against each clip (CrossPooled), ITM logits, LogSumExp over
/// the clips, in inference mode. <see cref="Export"/> writes the weights, the input and the outputs
/// to a safetensors file so that the PyTorch replica can run the same numbers and compare.
/// </summary>
internal sealed class ClipBertForward : IExportingWorkload
{
    public const string WorkloadName = "clipbert_base_forward";

    private const int Clips = 16;
    private const int FramesPerClip = 2;
    private const int TextLength = 20;

    private readonly ClipBertModel _model;
    private readonly Tensor _pixels;
    private readonly TextBatch _text;
    private readonly bool _cuda;
    private bool _exported;

    public ClipBertForward(Device device)
    {
        TorchRuntime.ManualSeed(0);
        _cuda = device.Type == DeviceType.Cuda;
        var config = ClipBertConfig.ClipBertBase;
        _model = new ClipBertModel(config);
        _model.Eval();
        _model.To(device);
        _pixels = Tensors.Randn([Clips, FramesPerClip, 3, config.ImageSize, config.ImageSize], device: device).DetachFromDisposeScope();
        _text = new TextBatch(
            Tensors.RandInt(1, config.Bert.VocabSize, [1, TextLength], device).DetachFromDisposeScope(),
            Tensors.Ones([1, TextLength], ScalarType.Int64, device).DetachFromDisposeScope());
        Details = new JsonObject
        {
            ["config"] = config.Name,
            ["clips"] = Clips,
            ["frames_per_clip"] = FramesPerClip,
            ["image_size"] = config.ImageSize,
            ["text_tokens"] = TextLength,
        };
    }

    public string Name => WorkloadName;

    public JsonObject Details { get; }

    public int Warmup => (_exported ? 0 : 1) + (_cuda ? 3 : 0);

    public void Run()
    {
        using var scope = new DisposeScope();
        Forward();
    }

    /// <summary>Writes weights (the state dict's names), <c>input.*</c> and <c>output.*</c>; this forward counts as a warm-up (as PyTorch's comparing one does).</summary>
    public void Export(string path)
    {
        using var scope = new DisposeScope();
        var outputs = Forward();
        var tensors = new Dictionary<string, Tensor>(_model.StateDict())
        {
            ["input.pixels"] = _pixels,
            ["input.ids"] = _text.Ids,
            ["input.mask"] = _text.Mask,
            ["output.visual_tokens"] = outputs.VisualTokens,
            ["output.pooled"] = outputs.Pooled,
            ["output.clip_logits"] = outputs.ClipLogits,
            ["output.video_logits"] = outputs.VideoLogits,
        };
        Safetensors.Save(path, tensors);
        _exported = true;
    }

    public void Dispose()
    {
        _model.Dispose();
        _pixels.Dispose();
        _text.Dispose();
    }

    private Outputs Forward()
    {
        using var inference = InferenceMode.Enter();
        var tokens = _model.VisualTokens(_pixels); // (clips, 49, 768)
        using var repeated = _text.RepeatEach(tokens.Size(0));
        var pooled = _model.CrossPooled(repeated.Ids, repeated.Mask, tokens);
        var clipLogits = _model.MatchLogits(pooled).View(1, tokens.Size(0), -1);
        var videoLogits = ClipConsensus.Aggregate(clipLogits, Consensus.LogSumExp);
        return new Outputs(tokens, pooled, clipLogits, videoLogits);
    }

    private sealed record Outputs(Tensor VisualTokens, Tensor Pooled, Tensor ClipLogits, Tensor VideoLogits);
}
