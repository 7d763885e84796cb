namespace VideoLang.Sampler.Synthetic;

/// <summary>Where a still shape sits in the frame.</summary>
public enum ScenePosition
{
    Center,
    Left,
    Right,
    Top,
    Bottom,
}
