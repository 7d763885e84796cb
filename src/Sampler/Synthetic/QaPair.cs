namespace VideoLang.Sampler.Synthetic;

/// <summary>A question about a synthetic video and its one-word answer.</summary>
public sealed record QaPair(string Question, string Answer);
