namespace VideoLang.Sampler.Synthetic;

/// <summary>The named colours of synthetic scenes; <see cref="Palette"/> gives their RGB values.</summary>
public enum SceneColor
{
    Red,
    Green,
    Blue,
    Yellow,
    White,
    Black,
    Orange,
    Purple,
    Cyan,
    Gray,
}
