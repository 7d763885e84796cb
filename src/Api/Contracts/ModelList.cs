namespace VideoLang.Api.Contracts;

/// <summary>Every registered model, and the names of the active embedder and cross-encoder (null when none).</summary>
public sealed record ModelList(string? Embedder, string? CrossEncoder, IReadOnlyList<ModelSummary> Models);
