using VideoLang.Sampler.Planning;

namespace VideoLang.Sampler.Decoding;

/// <summary>One clip of a decode group: its own input, seeked to <see cref="SeekSeconds"/> (0: not seeked).</summary>
internal sealed record GroupInput(PlannedClip Clip, double SeekSeconds, ClipTiming Timing);
