namespace VideoLang.Model.Inference;

/// <summary>How one clip supported a video-level answer: its time range and its own score.</summary>
public sealed record ClipEvidence(int Clip, double StartSeconds, double EndSeconds, double Score);
