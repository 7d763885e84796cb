using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary>Role names as people type them: <c>embedder</c>, <c>cross-encoder</c> or <c>cross_encoder</c>.</summary>
internal static class ModelRoles
{
    public static ModelRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "embedder" => ModelRole.Embedder,
        "cross-encoder" or "cross_encoder" or "crossencoder" => ModelRole.CrossEncoder,
        _ => null,
    };
}
