namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// A stretch of a colour-sequence video: the whole frame is <see cref="Color"/> for
/// <see cref="Seconds"/>, at <see cref="FramesPerSecond"/> (null: the encoding's rate). Different rates
/// per segment give a variable-frame-rate file whose colour boundaries are still exact.
/// </summary>
public sealed record ColorSegment(SceneColor Color, double Seconds, double? FramesPerSecond = null);
