namespace VideoLang.Sampler.Synthetic;

/// <summary>Which way a shape travels across the frame over the video; <see cref="None"/> keeps it still.</summary>
public enum MotionDirection
{
    None,
    Left,
    Right,
    Up,
    Down,
}
