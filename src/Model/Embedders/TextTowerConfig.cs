namespace VideoLang.Model.Embedders;

/// <summary>The shape of a text transformer and how its output is pooled (HuggingFace's <c>text_config</c> names).</summary>
public sealed record TextTowerConfig
{
    public required long VocabSize { get; init; }

    public required long HiddenSize { get; init; }

    public required long IntermediateSize { get; init; }

    public required int NumHiddenLayers { get; init; }

    public required long NumAttentionHeads { get; init; }

    /// <summary>The context length: the most tokens a text may have (CLIP 77, SigLIP 64).</summary>
    public required long MaxPositionEmbeddings { get; init; }

    public required HiddenActivation HiddenAct { get; init; }

    public required double LayerNormEps { get; init; }

    /// <summary>Causal attention (CLIP) or bidirectional (SigLIP).</summary>
    public required bool Causal { get; init; }

    public required TextPooling Pooling { get; init; }

    /// <summary>The end token's id; used by <see cref="TextPooling.FirstEos"/>.</summary>
    public required long EosTokenId { get; init; }

    /// <summary>The id texts are padded with (open_clip 0; HF from its config).</summary>
    public required long PadTokenId { get; init; }

    /// <summary>True when texts must be padded to the full context, as the model was trained (SigLIP).</summary>
    public bool PadToContext { get; init; }

    /// <summary>SigLIP's <c>text_model.head</c> output size (HF <c>projection_size</c>, default the hidden size); null for CLIP.</summary>
    public long? HeadSize { get; init; }
}
