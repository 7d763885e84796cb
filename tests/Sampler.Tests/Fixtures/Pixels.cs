using VideoLang.Sampler.Synthetic;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>Pixel checks on RGB24 frames.</summary>
internal static class Pixels
{
    /// <summary>Lossy encoding and YUV conversion move colours a little; the palette's colours are far further apart.</summary>
    public const int Tolerance = 24;

    public static (byte R, byte G, byte B) At(ReadOnlySpan<byte> frame, int size, int row, int column)
    {
        var offset = ((row * size) + column) * 3;
        return (frame[offset], frame[offset + 1], frame[offset + 2]);
    }

    public static bool Is(ReadOnlySpan<byte> frame, int size, int row, int column, SceneColor color)
    {
        var (r, g, b) = At(frame, size, row, column);
        var (er, eg, eb) = Palette.Rgb(color);
        return Math.Abs(r - er) <= Tolerance && Math.Abs(g - eg) <= Tolerance && Math.Abs(b - eb) <= Tolerance;
    }

    public static void AssertColor(ReadOnlySpan<byte> frame, int size, int row, int column, SceneColor expected, string because)
    {
        var actual = At(frame, size, row, column);
        Assert.True(Is(frame, size, row, column, expected), $"{because}: pixel ({row},{column}) is {actual}, expected {expected} {Palette.Rgb(expected)}");
    }
}
