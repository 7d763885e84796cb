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

    /// <summary>Frames are resized so the longer side is this, and zero-padded to a square.</summary>
    public int ImageSize { get; init; } = 448;

    public BertConfig Bert { get; init; } = new();

    /// <summary>Rows and columns the visual position embeddings can address (grid side = ImageSize / 64).</summary>
    public long MaxGridSize { get; init; } = 50;

    public TemporalFusion TemporalFusion { get; init; } = TemporalFusion.Mean;

    /// <summary>Frames per clip the ordered temporal embeddings can address.</summary>
    public long MaxFramesPerClip { get; init; } = 8;

    /// <summary>Width of the dual-encoder's joint embedding space.</summary>
    public long EmbeddingSize { get; init; } = 256;

    /// <summary>Classes of the open-ended QA head (the answer vocabulary's size); 0 for none.</summary>
    public int AnswerCount { get; init; }

    /// <summary>Labels of the multi-label tag head (the tag vocabulary's size); 0 for none.</summary>
    public int TagCount { get; init; }

    /// <summary>Side of the visual token grid for one frame: stride 32 from the ResNet, then a 2×2 max-pool.</summary>
    public int GridSize => ImageSize / 64;

    public static ClipBertConfig ClipBertBase { get; } = new();

    /// <summary>A small model for tests and CPU demos; <paramref name="vocabSize"/> is the (synthetic-domain) vocabulary's size.</summary>
    public static ClipBertConfig Tiny(long vocabSize, TemporalFusion fusion = TemporalFusion.Mean) => new()
    {
        Name = "tiny",
        Backbone = ResNetDepth.Tiny,
        BackboneWidth = 16,
        FrozenBatchNorm = false,
        ImageSize = 128,
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
