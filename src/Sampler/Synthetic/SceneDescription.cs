namespace VideoLang.Sampler.Synthetic;

/// <summary>A caption, question/answer pairs and tags that are true of a video (in a manifest: of the video played backwards).</summary>
public sealed record SceneDescription(string Caption, IReadOnlyList<QaPair> Questions, IReadOnlyList<string> Tags);
