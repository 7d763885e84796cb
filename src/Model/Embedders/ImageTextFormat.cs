namespace VideoLang.Model.Embedders;

/// <summary>The published layout an image-text model was imported from.</summary>
public enum ImageTextFormat
{
    /// <summary>A HuggingFace <c>CLIPModel</c> folder: <c>config.json</c> with model_type clip.</summary>
    HuggingFaceClip,

    /// <summary>A HuggingFace <c>SiglipModel</c> folder: <c>config.json</c> with model_type siglip.</summary>
    HuggingFaceSiglip,

    /// <summary>An open_clip folder: <c>open_clip_config.json</c> and <c>open_clip_model.safetensors</c> or <c>open_clip_pytorch_model.bin</c>.</summary>
    OpenClip,
}
