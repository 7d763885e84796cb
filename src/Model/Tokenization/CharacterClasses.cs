using System.Globalization;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// The character tests of Google's BERT tokenizer (tokenization.py), on code points. .NET's
/// Unicode tables agree with those of Python 3.11 for every code point assigned in Unicode 14.
/// </summary>
internal static class CharacterClasses
{
    /// <summary>NUL, U+FFFD and every "C*" category except tab, newline and carriage return.</summary>
    public static bool IsDropped(Rune rune)
    {
        if (rune.Value is 0 or 0xFFFD)
        {
            return true;
        }

        if (rune.Value is '\t' or '\n' or '\r')
        {
            return false;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;
    }

    /// <summary>Characters that separate words.</summary>
    /// <remarks>
    /// BERT's own test is space, tab, newline, carriage return and "Zs"; U+2028 and U+2029 are
    /// added because the reference then splits with Python's <c>str.split()</c>, which breaks
    /// at them too. Every other character <c>str.split()</c> breaks at was dropped before.
    /// </remarks>
    public static bool IsWhitespace(Rune rune) =>
        rune.Value is ' ' or '\t' or '\n' or '\r' or 0x2028 or 0x2029
        || Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator;

    /// <summary>ASCII non-alphanumerics (so "$", "+", "^", "`" count) and every "P*" category.</summary>
    public static bool IsPunctuation(Rune rune)
    {
        var cp = rune.Value;
        if (cp is (>= 33 and <= 47) or (>= 58 and <= 64) or (>= 91 and <= 96) or (>= 123 and <= 126))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    /// <summary>
    /// The CJK Unified Ideograph blocks BERT splits into one word each. Hiragana, katakana and
    /// Hangul are not among them: they form words like Latin letters.
    /// </summary>
    public static bool IsCjkIdeograph(Rune rune) => rune.Value is
        (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x2A6DF)
        or (>= 0x2A700 and <= 0x2B73F) or (>= 0x2B740 and <= 0x2B81F) or (>= 0x2B820 and <= 0x2CEAF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0x2F800 and <= 0x2FA1F);
}
