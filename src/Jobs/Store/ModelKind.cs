namespace VideoLang.Jobs.Store;

/// <summary>What a registered model folder holds, which decides the roles it can take.</summary>
public enum ModelKind
{
    /// <summary>A ClipBERT checkpoint: a cross-encoder (re-ranking, QA, trained tags) whose dual-encoder head can also be the embedder.</summary>
    ClipBert,

    /// <summary>A CLIP-family image-text embedder (HF CLIP, open_clip, SigLIP): embedder only.</summary>
    ImageText,

    /// <summary>
    /// A pretrained image CNN with no text side (the registry's ResNet-18 in <c>models/resnet18-minilm</c>):
    /// an embedder for <c>similar</c> only; text search needs another embedder.
    /// </summary>
    ImageFeatures,
}
