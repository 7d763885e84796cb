namespace VideoLang.Sampler.Synthetic;

/// <summary>What follows from a <see cref="MotionDirection"/>.</summary>
public static class MotionDirections
{
    /// <summary>The way a shape moves when its video plays backwards; <see cref="MotionDirection.None"/> stays still.</summary>
    public static MotionDirection Opposite(this MotionDirection motion) => motion switch
    {
        MotionDirection.Left => MotionDirection.Right,
        MotionDirection.Right => MotionDirection.Left,
        MotionDirection.Up => MotionDirection.Down,
        MotionDirection.Down => MotionDirection.Up,
        _ => motion,
    };
}
