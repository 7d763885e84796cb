using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>A registered model: its kind, where it is, its weights' checksum and the roles it is active in.</summary>
public sealed record ModelSummary(string Name, ModelKind Kind, string Path, string Checksum, bool Embedder, bool CrossEncoder, DateTimeOffset CreatedAt)
{
    internal static ModelSummary From(ModelRecord model) =>
        new(model.Name, model.Kind, model.Path, model.Checksum, model.ActiveEmbedder, model.ActiveCrossEncoder, model.CreatedAt);
}
