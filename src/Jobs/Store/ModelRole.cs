namespace VideoLang.Jobs.Store;

/// <summary>The two jobs a deployment gives models: one embedder (clips and texts into one space) and at most one cross-encoder (ClipBERT).</summary>
public enum ModelRole
{
    Embedder,
    CrossEncoder,
}
