namespace VideoLang.Sampler.Synthetic;

/// <summary>RGB values and caption words of <see cref="SceneColor"/>s, picked to stay apart after lossy encoding.</summary>
public static class Palette
{
    public static (byte R, byte G, byte B) Rgb(SceneColor color) => color switch
    {
        SceneColor.Red => (255, 0, 0),
        SceneColor.Green => (0, 170, 0),
        SceneColor.Blue => (0, 0, 255),
        SceneColor.Yellow => (255, 255, 0),
        SceneColor.White => (255, 255, 255),
        SceneColor.Black => (0, 0, 0),
        SceneColor.Orange => (255, 136, 0),
        SceneColor.Purple => (136, 0, 204),
        SceneColor.Cyan => (0, 255, 255),
        SceneColor.Gray => (128, 128, 128),
        _ => throw new ArgumentOutOfRangeException(nameof(color), color, "Use one of the SceneColor values."),
    };

    /// <summary>The colour as ffmpeg writes it, <c>0xRRGGBB</c>.</summary>
    public static string Hex(SceneColor color)
    {
        var (r, g, b) = Rgb(color);
        return $"0x{r:X2}{g:X2}{b:X2}";
    }

    /// <summary>The word captions and answers use, e.g. <c>red</c>.</summary>
    public static string Name(SceneColor color) => color.ToString().ToLowerInvariant();

    /// <summary>True for colours on which white text is hard to read.</summary>
    internal static bool IsLight(SceneColor color) => color is SceneColor.White or SceneColor.Yellow or SceneColor.Cyan or SceneColor.Orange;
}
