namespace VideoLang.Jobs.QuestionAnswering;

/// <summary>One question of a submitted batch: about which video, the question, and options for multiple choice (null: open-ended).</summary>
public sealed record QaQuestion(Guid VideoId, string Question, IReadOnlyList<string>? Options = null);
