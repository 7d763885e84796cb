using VideoLang.Torch;

namespace VideoLang.Model.Embedders;

/// <summary>
/// What <see cref="ImageTextModel.Forward"/> returns: L2-normalised image (I, D) and text (T, D)
/// embeddings, and the (I, T) logits (scale·cos, plus the bias for SigLIP). Disposing frees all three.
/// </summary>
public sealed record ImageTextOutput(Tensor ImageEmbeddings, Tensor TextEmbeddings, Tensor LogitsPerImage) : IDisposable
{
    public void Dispose()
    {
        ImageEmbeddings.Dispose();
        TextEmbeddings.Dispose();
        LogitsPerImage.Dispose();
    }
}
