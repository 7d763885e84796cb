using System.Text.Json.Nodes;
using VideoLang.Model.Embedders;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.Serialization;

namespace VideoLang.Bench.Model;

/// <summary>
/// One tower of CLIP ViT-B/32 (HuggingFace's defaults: 12 layers × 768 image, 12 × 512 text, 512-d
/// embeddings) as the service uses it, in inference mode: the image tower embeds 16 frames at 224 px
/// (one video's clips), the text tower 16 texts of 77 tokens. Random weights; <see cref="Export"/> hands
/// them with the inputs and outputs to clip_reference.py.
/// </summary>
internal sealed class ClipTowerForward : IExportingWorkload
{
    public const string ImageWorkloadName = "clip_vit_b32_image_tower";
    public const string TextWorkloadName = "clip_vit_b32_text_tower";

    private const int Frames = 16;
    private const int Texts = 16;

    private readonly bool _image;
    private readonly bool _cuda;
    private readonly ImageTextModel _model;
    private readonly Tensor _input;
    private bool _exported;

    public ClipTowerForward(Device device, bool image)
    {
        TorchRuntime.ManualSeed(0);
        (_image, _cuda) = (image, device.Type == DeviceType.Cuda);
        var config = VitB32;
        _model = new ImageTextModel(config);
        _model.Eval();
        _model.To(device);
        using (var scope = new DisposeScope())
        {
            _input = image ? Tensors.Randn([Frames, 3, 224, 224], device: device) : TextIds(device, config.Text);
            _input.DetachFromDisposeScope();
        }
        Details = image
            ? new JsonObject { ["model"] = "ViT-B/32", ["frames"] = Frames, ["image_size"] = 224 }
            : new JsonObject { ["model"] = "ViT-B/32", ["texts"] = Texts, ["text_tokens"] = 77 };
    }

    /// <summary>transformers' CLIPConfig defaults, which are openai/clip-vit-base-patch32's sizes.</summary>
    public static ImageTextConfig VitB32 { get; } = new()
    {
        Name = "clip-vit-base-patch32",
        Family = ImageTextFamily.Clip,
        SourceFormat = ImageTextFormat.HuggingFaceClip,
        Vision = new VisionTowerConfig
        {
            HiddenSize = 768, IntermediateSize = 3072, NumHiddenLayers = 12, NumAttentionHeads = 12, ImageSize = 224, PatchSize = 32,
            HiddenAct = HiddenActivation.QuickGelu, LayerNormEps = 1e-5,
        },
        Text = new TextTowerConfig
        {
            VocabSize = 49408, HiddenSize = 512, IntermediateSize = 2048, NumHiddenLayers = 12, NumAttentionHeads = 8, MaxPositionEmbeddings = 77,
            HiddenAct = HiddenActivation.QuickGelu, LayerNormEps = 1e-5, Causal = true, Pooling = TextPooling.FirstEos, EosTokenId = 49407, PadTokenId = 49407,
        },
        ProjectionDim = 512,
        Preprocessing = new ImagePreprocessing { ImageSize = 224, Mean = ImagePreprocessing.OpenAiMean, Std = ImagePreprocessing.OpenAiStd },
    };

    public string Name => _image ? ImageWorkloadName : TextWorkloadName;

    public JsonObject Details { get; }

    public int Warmup => (_exported ? 0 : 1) + (_cuda ? 3 : 0);

    public void Run()
    {
        using var scope = new DisposeScope();
        Forward();
    }

    public void Export(string path)
    {
        using var scope = new DisposeScope();
        var output = Forward();
        var tensors = new Dictionary<string, Tensor>(_model.StateDict())
        {
            [_image ? "input.pixels" : "input.ids"] = _input,
            [_image ? "output.image_embeds" : "output.text_embeds"] = output,
        };
        Safetensors.Save(path, tensors);
        _exported = true;
    }

    public void Dispose()
    {
        _model.Dispose();
        _input.Dispose();
    }

    private Tensor Forward()
    {
        using var inference = InferenceMode.Enter();
        return _image ? _model.EncodeImages(_input) : _model.EncodeTexts(_input);
    }

    /// <summary>Start token, words, end token at lengths 5 to 77, then end-token padding (as openai's tokenizer pads).</summary>
    private static Tensor TextIds(Device device, TextTowerConfig text)
    {
        var random = new Random(0);
        var ids = new long[Texts * text.MaxPositionEmbeddings];
        for (var row = 0; row < Texts; row++)
        {
            var length = 5 + (row * 72 / (Texts - 1));
            for (var i = 0; i < text.MaxPositionEmbeddings; i++)
            {
                ids[(row * text.MaxPositionEmbeddings) + i] = i == 0 ? 49406 : i < length - 1 ? random.Next(1, 49405) : text.EosTokenId;
            }
        }
        return Tensor.FromArray(ids, [Texts, text.MaxPositionEmbeddings], device);
    }
}
