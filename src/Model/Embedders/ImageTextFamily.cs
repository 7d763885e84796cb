namespace VideoLang.Model.Embedders;

/// <summary>The network an image-text embedder is: which towers, pooling and score it has.</summary>
public enum ImageTextFamily
{
    /// <summary>CLIP (HuggingFace <c>CLIPModel</c> or open_clip): class token, causal text, projections, softmax scores.</summary>
    Clip,

    /// <summary>SigLIP (HuggingFace <c>SiglipModel</c>): attention-pooled image, last-token text, sigmoid scores with a bias.</summary>
    Siglip,
}
