namespace VideoLang.Model.Tokenization;

/// <summary>A token id and the [Start, End) UTF-16 range of the original text it stands for.</summary>
internal readonly record struct TokenPiece(int Id, int Start, int End);
