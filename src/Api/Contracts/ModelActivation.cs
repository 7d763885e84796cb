using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>The role to activate a model in: <c>embedder</c> or <c>cross_encoder</c>; null for every role its kind serves.</summary>
public sealed record ModelActivation(ModelRole? Role = null);
