namespace VideoLang.Api.Contracts;

/// <summary>Where a sampled clip sits in its video.</summary>
internal readonly record struct ClipRange(double StartSeconds, double EndSeconds);
