namespace VideoLang.Model.Tokenization;

/// <summary>A [Start, End) range of the text: a special token written in it, or text between them.</summary>
internal readonly record struct TextSegment(int Start, int End, bool IsSpecialToken);
