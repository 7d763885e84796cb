namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// One line of a synthetic manifest (<c>manifest.jsonl</c>): the video file (relative to the manifest),
/// the scene it shows, and the captions, question/answer pairs and tags that are true of it by
/// construction.
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
    double FramesPerSecond);
