using VideoLang.Model.Text;
using VideoLang.Model.Vision;

namespace VideoLang.Model.Configuration;

/// <summary>
/// The shape of a ClipBERT-style model; saved as <c>config.json</c> in a checkpoint. Presets:
/// <see cref="ClipBertBase"/> (ResNet-50, 448 px, BERT-base) and <see cref="Tiny"/> (narrow
/// ResNet, 2-layer BERT, small frames) for tests and CPU demos.
/// </summary>
public sealed record ClipBertConfig
{
    public string Name { get; init; } = "clipbert-base";

    public ResNetDepth Backbone { get; init; } = ResNetDepth.ResNet50;

    /// <summary>Channels of the ResNet's first stage (64 in torchvision's nets).</summary>
    public long BackboneWidth { get; init; } = 64;

    /// <summary>Freeze the CNN's batch norm (ClipBERT does: video batches are small).</summary>
    public bool FrozenBatchNorm { get; init; } = true;

    /// <summary>
    /// Where a downsampling ResNet-50 bottleneck strides: false on the 3×3 convolution (torchvision
    /// v1.5), true on the first 1×1 (detectron2's MSRA ResNets, ClipBERT's <c>grid_feat_R-50.pth</c>
    /// and <c>clipbert_image_text_pretrained.pt</c>). Same parameter shapes, different features: a
    /// checkpoint must run the way it was trained. No effect on ResNet-18/34 and tiny (no 1×1 convolutions).
    /// </summary>
    public bool StrideInOneByOne { get; init; }

    /// <summary>Frames are resized so the longer side is this, and zero-padded to a square.</summary>
    public int ImageSize { get; init; } = 448;

    /// <summary>How frames become the CNN's input (torchvision's ImageNet normalisation unless the weights came with another).</summary>
    public PixelNormalization Pixels { get; init; } = PixelNormalization.ImageNet;

    public BertConfig Bert { get; init; } = new();

    /// <summary>Rows and columns the visual position embeddings can address (at least <see cref="GridSize"/>).</summary>
    public long MaxGridSize { get; init; } = 50;

    /// <summary>
    /// Side of the grid encoder's max-pool after the stride-32 ResNet: 2 as ClipBERT (7×7 tokens at
    /// 448 px), 1 for none. The tiny preset uses 1, so its 128 px frames get a 4×4 grid: with
    /// ClipBERT's pool they would get 2×2, four tokens in which a small object's colour and the
    /// background's share every token.
    /// </summary>
    public int GridPool { get; init; } = 2;

    public TemporalFusion TemporalFusion { get; init; } = TemporalFusion.Mean;

    /// <summary>
    /// TSM's temporal shift in every ResNet block (<see cref="Vision.TemporalShift"/>), so the CNN sees a
    /// clip's neighbouring frames and can encode motion itself. Off in ClipBERT (frames are
    /// independent); no parameters, so published weights load either way.
    /// </summary>
    public bool TemporalShift { get; init; }

    /// <summary>
    /// TSM's temporal shift once, between the ResNet and the grid encoder: the grid encoder's 3×3 conv
    /// then sees each cell and its neighbours in the adjacent frames of the clip, so a token can hold which
    /// way something moved across cells as a feature of its own. A transformer trained from scratch does
    /// not learn to compare two frames' tokens (docs/learning.md); it reads a token's own
    /// features easily. Off in ClipBERT; meant for <see cref="TemporalFusion.Ordered"/>; no parameters.
    /// </summary>
    public bool GridTemporalShift { get; init; }

    /// <summary>
    /// Frames per clip the model was trained on (ClipBERT: 2); inference samples its clips the same
    /// way unless told otherwise (the service's <c>Worker:FramesPerClip</c>).
    /// </summary>
    public int FramesPerClip { get; init; } = 2;

    /// <summary>
    /// The frame rate inside a clip the model was trained on (ClipBERT: 2, frames 0.5 s apart): what
    /// ordered fusion learnt about motion holds at this spacing. Inference uses it unless told
    /// otherwise (<c>Worker:FramesPerSecond</c>).
    /// </summary>
    public double FramesPerSecond { get; init; } = 2;

    /// <summary>Frames per clip the ordered temporal embeddings can address.</summary>
    public long MaxFramesPerClip { get; init; } = 8;

    /// <summary>Width of the dual-encoder's joint embedding space.</summary>
    public long EmbeddingSize { get; init; } = 256;

    /// <summary>Classes of the open-ended QA head (the answer vocabulary's size); 0 for none.</summary>
    public int AnswerCount { get; init; }

    /// <summary>Labels of the multi-label tag head (the tag vocabulary's size); 0 for none.</summary>
    public int TagCount { get; init; }

    /// <summary>Side of the visual token grid for one frame: stride 32 from the ResNet, then the <see cref="GridPool"/> max-pool.</summary>
    public int GridSize => ImageSize / (32 * GridPool);

    public static ClipBertConfig ClipBertBase { get; } = new();

    /// <summary>A small model for tests and CPU demos; <paramref name="vocabSize"/> is the (synthetic-domain) vocabulary's size.</summary>
    public static ClipBertConfig Tiny(long vocabSize, TemporalFusion fusion = TemporalFusion.Mean) => new()
    {
        Name = "tiny",
        Backbone = ResNetDepth.Tiny,
        BackboneWidth = 16,
        FrozenBatchNorm = false,
        ImageSize = 128,
        GridPool = 1,
        TemporalFusion = fusion,
        EmbeddingSize = 64,
        Bert = new BertConfig
        {
            VocabSize = vocabSize,
            HiddenSize = 128,
            NumHiddenLayers = 2,
            NumAttentionHeads = 4,
            IntermediateSize = 256,
            MaxPositionEmbeddings = 64,
        },
    };
}
