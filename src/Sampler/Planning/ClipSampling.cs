namespace VideoLang.Sampler.Planning;

/// <summary>
/// How many clips to take from a video and what a clip is, as in ClipBERT: a clip is
/// <see cref="FramesPerClip"/> frames taken <see cref="FramesPerSecond"/> apart, so it spans
/// FramesPerClip / FramesPerSecond seconds, each frame in the middle of its 1 / FramesPerSecond slot. The defaults (1 clip of 2 frames at 2 fps) are ClipBERT's
/// training setting; inference typically uses more clips (ClipBERT reports 4 to 16).
/// </summary>
public sealed record ClipSampling(int ClipCount = 1, int FramesPerClip = 2, double FramesPerSecond = 2)
{
    /// <summary>Seconds one clip spans.</summary>
    public double ClipSeconds => FramesPerClip / FramesPerSecond;

    internal void Validate()
    {
        if (ClipCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ClipCount), ClipCount, "Sample at least one clip per video.");
        }

        if (FramesPerClip < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerClip), FramesPerClip, "A clip needs at least one frame.");
        }

        if (!double.IsFinite(FramesPerSecond) || FramesPerSecond <= 0 || FramesPerSecond > 240)
        {
            throw new ArgumentOutOfRangeException(nameof(FramesPerSecond), FramesPerSecond, "Use a sampling rate above 0 and at most 240 frames per second.");
        }
    }
}
