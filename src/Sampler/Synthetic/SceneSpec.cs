namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// What one synthetic video shows: a <see cref="Color"/> <see cref="Shape"/> on a plain
/// <see cref="Background"/>, either still at <see cref="Position"/> or travelling in
/// <see cref="Motion"/> across the middle of the frame, with an optional <see cref="Word"/> written in
/// the top-left corner. Every caption, question and tag is derived from these fields.
/// </summary>
public sealed record SceneSpec(
    ShapeKind Shape,
    SceneColor Color,
    SceneColor Background,
    ScenePosition Position = ScenePosition.Center,
    MotionDirection Motion = MotionDirection.None,
    string? Word = null)
{
    internal void Validate()
    {
        if (Color == Background)
        {
            throw new ArgumentException($"The {Shape} and the background are both {Palette.Name(Color)}; pick different colours so the shape is visible.", nameof(Background));
        }

        if (Word is not null && (Word.Length is 0 or > 24 || !Word.All(char.IsAsciiLetterOrDigit)))
        {
            throw new ArgumentException($"Word '{Word}' must be 1 to 24 ASCII letters or digits (it is drawn with ffmpeg's drawtext).", nameof(Word));
        }
    }
}
