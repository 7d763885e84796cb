namespace VideoLang.Model.Embedders;

/// <summary>The shape of a ViT image tower (HuggingFace's <c>vision_config</c> names).</summary>
public sealed record VisionTowerConfig
{
    public required long HiddenSize { get; init; }

    public required long IntermediateSize { get; init; }

    public required int NumHiddenLayers { get; init; }

    public required long NumAttentionHeads { get; init; }

    /// <summary>The square input size; another size is refused (position embeddings are not interpolated).</summary>
    public required long ImageSize { get; init; }

    public required long PatchSize { get; init; }

    public long NumChannels { get; init; } = 3;

    public required HiddenActivation HiddenAct { get; init; }

    public required double LayerNormEps { get; init; }

    /// <summary>Patches per image: (image size / patch size)².</summary>
    public long PatchCount => (ImageSize / PatchSize) * (ImageSize / PatchSize);
}
