namespace VideoLang.Sampler.Synthetic;

/// <summary>Captions, question/answer pairs and tags that follow from a <see cref="SceneSpec"/>.</summary>
internal static class SceneText
{
    public static SceneDescription Describe(SceneSpec scene) => new(Caption(scene), Questions(scene), Tags(scene));

    public static string Caption(SceneSpec scene)
    {
        var thing = $"{Article(Palette.Name(scene.Color))} {Palette.Name(scene.Color)} {Name(scene.Shape)}";
        var background = $"a {Palette.Name(scene.Background)} background";
        var caption = scene.Motion == MotionDirection.None
            ? $"{thing} {Where(scene.Position)} of {background}"
            : $"{thing} moves {Direction(scene.Motion)} on {background}";
        return scene.Word is null ? caption : $"{caption} with the word \"{scene.Word}\"";
    }

    public static IReadOnlyList<QaPair> Questions(SceneSpec scene)
    {
        var shape = Name(scene.Shape);
        var moving = scene.Motion != MotionDirection.None;
        List<QaPair> questions =
        [
            new($"what colour is the {shape}?", Palette.Name(scene.Color)),
            new($"what shape is {Palette.Name(scene.Color)}?", shape),
            new("what colour is the background?", Palette.Name(scene.Background)),
            new($"is the {shape} moving?", moving ? "yes" : "no"),
            moving
                ? new($"which way does the {shape} move?", Direction(scene.Motion))
                : new($"where is the {shape}?", PositionWord(scene.Position)),
        ];
        if (scene.Word is not null)
        {
            questions.Add(new("what word is written?", scene.Word.ToLowerInvariant()));
        }

        return questions;
    }

    public static IReadOnlyList<string> Tags(SceneSpec scene)
    {
        List<string> tags =
        [
            Name(scene.Shape),
            Palette.Name(scene.Color),
            $"{Palette.Name(scene.Background)} background",
            scene.Motion == MotionDirection.None ? "still" : MotionTag(scene.Motion),
        ];
        if (scene.Word is not null)
        {
            tags.Add("text");
        }

        return tags;
    }

    public static string Name(ShapeKind shape) => shape.ToString().ToLowerInvariant();

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";

    private static string MotionTag(MotionDirection motion) => $"moving {Direction(motion)}";

    private static string Direction(MotionDirection motion) => motion.ToString().ToLowerInvariant();

    private static string PositionWord(ScenePosition position) =>
        position == ScenePosition.Center ? "middle" : position.ToString().ToLowerInvariant();

    private static string Where(ScenePosition position) => position switch
    {
        ScenePosition.Left => "on the left",
        ScenePosition.Right => "on the right",
        ScenePosition.Top => "at the top",
        ScenePosition.Bottom => "at the bottom",
        _ => "in the middle",
    };
}
