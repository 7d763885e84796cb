namespace VideoLang.Sampler.Synthetic;

/// <summary>Draws scenes from a seeded generator for <see cref="SyntheticVideoGenerator.RandomScenes"/>.</summary>
internal static class SceneRandomizer
{
    private static readonly string[] s_words = ["cat", "dog", "sun", "tree", "car", "house", "fish", "bird", "moon", "star"];

    public static IReadOnlyList<SceneSpec> Scenes(int count, int seed)
    {
        var random = new Random(seed);
        var shapes = Enum.GetValues<ShapeKind>();
        var colors = Enum.GetValues<SceneColor>();
        var positions = Enum.GetValues<ScenePosition>();
        var motions = Enum.GetValues<MotionDirection>().Where(m => m != MotionDirection.None).ToArray();
        var scenes = new List<SceneSpec>(count);
        for (var i = 0; i < count; i++)
        {
            var shape = shapes[random.Next(shapes.Length)];
            var color = colors[random.Next(colors.Length)];
            var background = colors[random.Next(colors.Length - 1)];
            if (background == color)
            {
                background = colors[^1];
            }

            var moving = random.Next(2) == 1;
            var position = positions[random.Next(positions.Length)];
            var motion = motions[random.Next(motions.Length)];
            var word = random.Next(3) == 0 ? s_words[random.Next(s_words.Length)] : null;
            scenes.Add(new SceneSpec(shape, color, background, moving ? ScenePosition.Center : position, moving ? motion : MotionDirection.None, word));
        }

        return scenes;
    }
}
