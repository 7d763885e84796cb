using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>Hand-made <see cref="VideoInfo"/>s for tests that need no file.</summary>
internal static class Videos
{
    public static VideoInfo Info(int width = 96, int height = 64, int rotation = 0, string timeBase = "1/12800", double containerStart = 0) => new()
    {
        FormatName = "mov,mp4,m4a,3gp,3g2,mj2",
        Container = ContainerFormats.Mov,
        VideoCodec = "h264",
        CodedWidth = width,
        CodedHeight = height,
        DisplayWidth = rotation is 90 or 270 ? height : width,
        DisplayHeight = rotation is 90 or 270 ? width : height,
        RotationDegrees = rotation,
        PixelAspectRatio = new Fraction(1, 1),
        DurationSeconds = 10,
        DurationSource = DurationSource.Container,
        FrameRate = new Fraction(25, 1),
        HasAudio = false,
        FileSizeBytes = 1,
        VideoStreamIndex = 0,
        TimeBase = Fraction.Parse(timeBase),
        ContainerStartSeconds = containerStart,
        VideoStartSeconds = 0,
    };
}
