namespace VideoLang.Model.Embedders;

/// <summary>
/// An image-text embedder (CLIP, open_clip, SigLIP): its family, the two towers, the shared embedding
/// size and the image preprocessing. Read from the published config by <see cref="ImageTextImporter"/>
/// and saved as our checkpoint's <c>config.json</c>.
/// </summary>
public sealed record ImageTextConfig
{
    /// <summary>Written into config.json so that a reader can tell an embedder's folder from a ClipBERT one.</summary>
    public const string KindName = "image_text_embedder";

    public string Kind { get; init; } = KindName;

    /// <summary>A display name (the source folder's name on import).</summary>
    public required string Name { get; init; }

    public required ImageTextFamily Family { get; init; }

    public required ImageTextFormat SourceFormat { get; init; }

    public required VisionTowerConfig Vision { get; init; }

    public required TextTowerConfig Text { get; init; }

    /// <summary>CLIP's <c>projection_dim</c> (open_clip's <c>embed_dim</c>); null for SigLIP, which has no projections.</summary>
    public long? ProjectionDim { get; init; }

    public required ImagePreprocessing Preprocessing { get; init; }

    /// <summary>The size of both embeddings.</summary>
    public long EmbeddingSize => ProjectionDim ?? Vision.HiddenSize;

    /// <summary>Checks what a network needs to be buildable; throws <see cref="ArgumentException"/> naming the field.</summary>
    public void Validate()
    {
        if (Kind != KindName)
        {
            throw new ArgumentException($"kind is '{Kind}', not '{KindName}': this is not an image-text embedder's config.", nameof(Kind));
        }
        CheckTower("vision", Vision.HiddenSize, Vision.NumAttentionHeads, Vision.IntermediateSize, Vision.NumHiddenLayers);
        CheckTower("text", Text.HiddenSize, Text.NumAttentionHeads, Text.IntermediateSize, Text.NumHiddenLayers);
        if (Vision.PatchSize <= 0 || Vision.ImageSize < Vision.PatchSize || Vision.NumChannels <= 0)
        {
            throw new ArgumentException($"vision.image_size {Vision.ImageSize}, patch_size {Vision.PatchSize} and num_channels {Vision.NumChannels} must be positive, with the image at least one patch.", nameof(Vision));
        }
        if (Text.VocabSize <= 0 || Text.MaxPositionEmbeddings <= 0)
        {
            throw new ArgumentException($"text.vocab_size {Text.VocabSize} and text.max_position_embeddings {Text.MaxPositionEmbeddings} must be positive.", nameof(Text));
        }
        if (Family == ImageTextFamily.Clip && ProjectionDim is not > 0)
        {
            throw new ArgumentException($"projection_dim must be positive for CLIP (found {ProjectionDim?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}).", nameof(ProjectionDim));
        }
        if (Family == ImageTextFamily.Siglip && (ProjectionDim is not null || (Text.HeadSize ?? Text.HiddenSize) != Vision.HiddenSize))
        {
            throw new ArgumentException(
                $"SigLIP compares the image tower's {Vision.HiddenSize}-d output with the text head's {Text.HeadSize ?? Text.HiddenSize}-d one and has no projection_dim; " +
                "text_config.projection_size must equal vision_config.hidden_size.", nameof(Text));
        }
        if (Preprocessing.Mean.Count != Vision.NumChannels || Preprocessing.Std.Count != Vision.NumChannels || Preprocessing.Std.Any(s => s <= 0))
        {
            throw new ArgumentException($"preprocessing mean and std need {Vision.NumChannels} values each, std positive.", nameof(Preprocessing));
        }
    }

    private static void CheckTower(string tower, long hidden, long heads, long intermediate, int layers)
    {
        if (hidden <= 0 || heads <= 0 || hidden % heads != 0)
        {
            throw new ArgumentException($"{tower}.hidden_size {hidden} must be positive and divisible by {tower}.num_attention_heads {heads}.", tower);
        }
        if (intermediate <= 0 || layers <= 0)
        {
            throw new ArgumentException($"{tower}.intermediate_size {intermediate} and {tower}.num_hidden_layers {layers} must be positive.", tower);
        }
    }
}
