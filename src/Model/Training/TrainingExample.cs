namespace VideoLang.Model.Training;

/// <summary>One video with what is true of it: captions (retrieval), questions (QA) and tags.</summary>
public sealed record TrainingExample(string VideoPath, IReadOnlyList<string> Captions, IReadOnlyList<QaItem> Questions, IReadOnlyList<string> Tags);
