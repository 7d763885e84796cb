using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// The text steps of HuggingFace's SiglipTokenizer (big_vision's prompt canonicalisation), with
/// Python's notions of whitespace and punctuation, since the reference runs in Python.
/// </summary>
internal static class SiglipText
{
    // Python's string.punctuation: ASCII only, so "“", "—" and "…" stay.
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    /// <summary>Python's <c>str.isspace</c>: .NET's White_Space plus the four ASCII separators U+001C..U+001F.</summary>
    public static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001C' and <= '\u001F';

    /// <summary>canonicalize_text: ASCII punctuation removed, whitespace runs to one space, stripped.</summary>
    public static string Canonicalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inWhitespace = false;
        foreach (var c in text)
        {
            if (AsciiPunctuation.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            if (IsPythonWhitespace(c))
            {
                if (!inWhitespace)
                {
                    builder.Append(' ');
                }

                inWhitespace = true;
                continue;
            }

            inWhitespace = false;
            builder.Append(c);
        }

        return StripPython(builder.ToString());
    }

    public static string StripPython(string text) => text.Trim().Trim('\u001C', '\u001D', '\u001E', '\u001F').Trim();

    public static string TrimEndPython(string text) => text.TrimEnd().TrimEnd('\u001C', '\u001D', '\u001E', '\u001F').TrimEnd();

    public static string TrimStartPython(string text) => text.TrimStart().TrimStart('\u001C', '\u001D', '\u001E', '\u001F').TrimStart();

    /// <summary>
    /// Splits out the special tokens written in the text, taking the whitespace on both sides of
    /// each with it (HF's AddedToken lstrip/rstrip), as PreTrainedTokenizer.tokenize does.
    /// </summary>
    public static List<(string Text, bool IsSpecial)> SplitSpecialTokens(string text, IReadOnlyList<string> specialTokens)
    {
        var parts = new List<(string Text, bool IsSpecial)>();
        var start = 0;
        var position = 0;
        while (position < text.Length)
        {
            var match = specialTokens.FirstOrDefault(s => string.CompareOrdinal(text, position, s, 0, s.Length) == 0);
            if (match is null)
            {
                position++;
                continue;
            }

            parts.Add((text[start..position], false));
            parts.Add((match, true));
            position += match.Length;
            start = position;
        }

        parts.Add((text[start..], false));
        for (var i = 0; i < parts.Count; i++)
        {
            if (!parts[i].IsSpecial)
            {
                continue;
            }

            parts[i - 1] = (TrimEndPython(parts[i - 1].Text), false);
            parts[i + 1] = (TrimStartPython(parts[i + 1].Text), false);
        }

        return parts;
    }
}
