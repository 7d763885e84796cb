namespace VideoLang.Model.Training;

/// <summary>A question about a video: open-ended (answer from the answer vocabulary) or multiple choice (answer is one of <see cref="Options"/>).</summary>
public sealed record QaItem(string Question, string Answer, IReadOnlyList<string>? Options = null);
