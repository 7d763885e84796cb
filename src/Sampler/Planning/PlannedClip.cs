namespace VideoLang.Sampler.Planning;

/// <summary>
/// One clip of a plan: where it starts and ends and the moment of each of its frames, in seconds from
/// the start of the video. Frame times past the end of a short video are kept as planned; the decoder
/// shows the last frame for them.
/// </summary>
public sealed record PlannedClip(int Index, double StartSeconds, double EndSeconds, IReadOnlyList<double> FrameTimes);
