namespace VideoLang.Sampler.Decoding;

/// <summary>
/// One decoded clip of a <see cref="ClipBatch"/>: the span it covers and, for every frame, the time the
/// plan asked for and the presentation time of the frame actually shown then (all in seconds from the
/// start of the video), so a prediction can point at its moment. A frame asked for past the end of the
/// video repeats the last decoded frame; <see cref="RepeatedFrames"/> counts those.
/// </summary>
public sealed record DecodedClip(
    int Index,
    double StartSeconds,
    double EndSeconds,
    IReadOnlyList<double> RequestedTimes,
    IReadOnlyList<double> FrameTimestamps,
    int RepeatedFrames,
    IReadOnlyList<string> DecodeErrors);
