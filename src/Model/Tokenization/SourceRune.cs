using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>A code point of normalized text and the [Start, End) UTF-16 range of the original it came from.</summary>
internal readonly record struct SourceRune(Rune Rune, int Start, int End);
