namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// Where a scene's shape is: its size and the top-left corner at the start and end of the video (equal
/// for a still shape). Public so tests and demos can check pixels against the ground truth.
/// </summary>
public sealed record SceneLayout(int ShapeSize, int StartX, int StartY, int EndX, int EndY)
{
    /// <summary>The layout of <paramref name="scene"/> in a <paramref name="width"/>×<paramref name="height"/> frame.</summary>
    public static SceneLayout For(SceneSpec scene, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var size = Math.Max(4, (int)Math.Round(Math.Min(width, height) * 0.3) / 2 * 2);
        var margin = Math.Max(2, (int)Math.Round(Math.Min(width, height) * 0.06));
        var (left, right) = (margin, width - size - margin);
        var (top, bottom) = (margin, height - size - margin);
        var (centerX, centerY) = ((width - size) / 2, (height - size) / 2);
        return scene.Motion switch
        {
            MotionDirection.Left => new(size, right, centerY, left, centerY),
            MotionDirection.Right => new(size, left, centerY, right, centerY),
            MotionDirection.Up => new(size, centerX, bottom, centerX, top),
            MotionDirection.Down => new(size, centerX, top, centerX, bottom),
            _ => scene.Position switch
            {
                ScenePosition.Left => Still(size, left, centerY),
                ScenePosition.Right => Still(size, right, centerY),
                ScenePosition.Top => Still(size, centerX, top),
                ScenePosition.Bottom => Still(size, centerX, bottom),
                _ => Still(size, centerX, centerY),
            },
        };
    }

    /// <summary>
    /// The centre of the shape at <paramref name="fraction"/> (0 to 1) of its travel: 0 on the first
    /// frame, 1 on the last (at <see cref="TravelSeconds"/>).
    /// </summary>
    public (double X, double Y) CenterAt(double fraction) =>
        (StartX + ((EndX - StartX) * fraction) + (ShapeSize / 2.0), StartY + ((EndY - StartY) * fraction) + (ShapeSize / 2.0));

    /// <summary>Seconds from the first frame to the last, over which a moving shape travels from its start to its end.</summary>
    public static double TravelSeconds(double durationSeconds, double framesPerSecond) =>
        durationSeconds > 1 / framesPerSecond ? durationSeconds - (1 / framesPerSecond) : durationSeconds;

    private static SceneLayout Still(int size, int x, int y) => new(size, x, y, x, y);
}
