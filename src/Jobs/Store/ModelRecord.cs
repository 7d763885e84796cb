namespace VideoLang.Jobs.Store;

/// <summary>
/// A registered model folder, its kind, and the roles it is active in: at most one model is the active
/// embedder and at most one the active cross-encoder (a ClipBERT checkpoint may be both).
/// </summary>
public sealed class ModelRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public required string Path { get; set; }

    /// <summary>The checkpoint's weights checksum (model.sha256), to notice a folder changed under us.</summary>
    public required string Checksum { get; set; }

    public ModelKind Kind { get; set; }

    /// <summary>New ingests embed clips with it and search compares texts with its embeddings.</summary>
    public bool ActiveEmbedder { get; set; }

    /// <summary>New ingests cache its visual tokens; it re-ranks search results, answers questions and gives trained tags.</summary>
    public bool ActiveCrossEncoder { get; set; }

    /// <summary>Active in either role.</summary>
    public bool Active => ActiveEmbedder || ActiveCrossEncoder;

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Whether <paramref name="role"/> suits this kind: only ClipBERT checkpoints are cross-encoders.</summary>
    public bool CanServe(ModelRole role) => role == ModelRole.Embedder || Kind == ModelKind.ClipBert;
}
