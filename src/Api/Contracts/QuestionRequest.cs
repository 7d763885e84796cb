namespace VideoLang.Api.Contracts;

/// <summary>
/// One question of a submitted batch: <c>{"video_id": "...", "question": "what colour is the circle?",
/// "options": ["red", "blue"]}</c>; without options the model answers from its answer vocabulary.
/// </summary>
public sealed record QuestionRequest(Guid? VideoId, string? Question, IReadOnlyList<string>? Options);
