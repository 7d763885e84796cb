namespace VideoLang.Model.Inference;

/// <summary>The time range of one sampled clip of a video.</summary>
public sealed record ClipSpan(int Clip, double StartSeconds, double EndSeconds);
