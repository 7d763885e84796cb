namespace VideoLang.Model.Training;

/// <summary>One video with what is true of it: captions (retrieval), questions (QA) and tags.</summary>
public sealed record TrainingExample(string VideoPath, IReadOnlyList<string> Captions, IReadOnlyList<QaItem> Questions, IReadOnlyList<string> Tags)
{
    /// <summary>
    /// What is true of the same video played backwards ("moves left" becomes "moves right"), for
    /// <see cref="TrainingOptions.TimeReversal"/>; null when unknown, and then the video is never reversed.
    /// </summary>
    public TrainingExample? Reversed { get; init; }
}
