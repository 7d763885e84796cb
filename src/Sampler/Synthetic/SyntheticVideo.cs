namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// One line of a synthetic manifest (<c>manifest.jsonl</c>): the video file (relative to the manifest),
/// the scene it shows, and the captions, question/answer pairs and tags that are true of it by
/// construction; <see cref="Reversed"/> says what is true of the same video played backwards (the
/// scene with the opposite motion), for time-reversal augmentation in training.
/// </summary>
public sealed record SyntheticVideo(
    string Id,
    string File,
    SceneSpec Scene,
    string Caption,
    IReadOnlyList<QaPair> Questions,
    IReadOnlyList<string> Tags,
    int Width,
    int Height,
    double DurationSeconds,
    double FramesPerSecond)
{
    /// <summary>The caption, questions and tags of the video played backwards; null in manifests written before it existed.</summary>
    public SceneDescription? Reversed { get; init; }
}
