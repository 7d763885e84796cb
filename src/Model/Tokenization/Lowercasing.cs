using System.Globalization;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// Lower-cases as Python's <c>str.lower()</c>, which BERT's reference calls on each word: .NET's
/// invariant simple mapping plus the two full mappings it lacks, U+0130 (İ) to "i" and a
/// combining dot, and capital sigma to final sigma (ς) at the end of a word.
/// </summary>
internal static class Lowercasing
{
    private const int CapitalIWithDotAbove = 0x0130;
    private const int CapitalSigma = 0x03A3;

    /// <summary>Writes the lower case of <paramref name="word"/>[index] and returns how many runes it is (1 or 2).</summary>
    public static int ToLower(ReadOnlySpan<SourceRune> word, int index, Span<Rune> destination)
    {
        var rune = word[index].Rune;
        switch (rune.Value)
        {
            case CapitalIWithDotAbove:
                destination[0] = new Rune('i');
                destination[1] = new Rune(0x0307);
                return 2;
            case CapitalSigma:
                destination[0] = new Rune(IsFinalSigma(word, index) ? 0x03C2 : 0x03C3);
                return 1;
            default:
                destination[0] = Rune.ToLowerInvariant(rune);
                return 1;
        }
    }

    /// <summary>
    /// Lower-cases a whole text as Python's <c>text.lower()</c> (and JavaScript's
    /// <c>toLowerCase()</c>) does, with final sigma taken from the whole text.
    /// </summary>
    public static string ToLowerText(string text) => Lower(text, finalSigma: true);

    /// <summary>
    /// Lower-cases each character on its own, as <c>"".join(c.lower() for c in text)</c> does
    /// (HuggingFace's slow tokenizers with <c>do_lower_case</c>): capital sigma is always σ.
    /// </summary>
    public static string ToLowerEachCharacter(string text) => Lower(text, finalSigma: false);

    private static string Lower(string text, bool finalSigma)
    {
        var runes = new List<SourceRune>(text.Length);
        var position = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(new SourceRune(rune, position, position + rune.Utf16SequenceLength));
            position += rune.Utf16SequenceLength;
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(runes);
        var builder = new StringBuilder(text.Length);
        Span<Rune> lowered = stackalloc Rune[2];
        for (var i = 0; i < span.Length; i++)
        {
            if (!finalSigma && span[i].Rune.Value == CapitalSigma)
            {
                builder.Append('\u03C3');
                continue;
            }

            var count = ToLower(span, i, lowered);
            for (var k = 0; k < count; k++)
            {
                builder.Append(lowered[k].ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Unicode's Final_Sigma: a cased letter before (skipping case-ignorables), none after.</summary>
    private static bool IsFinalSigma(ReadOnlySpan<SourceRune> word, int index)
    {
        var before = index - 1;
        while (before >= 0 && IsCaseIgnorable(word[before].Rune))
        {
            before--;
        }

        if (before < 0 || !IsCased(word[before].Rune))
        {
            return false;
        }

        var after = index + 1;
        while (after < word.Length && IsCaseIgnorable(word[after].Rune))
        {
            after++;
        }

        return after == word.Length || !IsCased(word[after].Rune);
    }

    /// <summary>
    /// Unicode's Cased property as far as Final_Sigma can see it (a case-ignorable character is
    /// skipped before this is asked): Lu, Ll, Lt and the Other_Lowercase/Other_Uppercase
    /// characters outside those categories.
    /// </summary>
    private static bool IsCased(Rune rune)
    {
        if (rune.Value is 0xAA or 0xBA or (>= 0x2160 and <= 0x217F) or (>= 0x24B6 and <= 0x24E9)
            or (>= 0x1F130 and <= 0x1F149) or (>= 0x1F150 and <= 0x1F169) or (>= 0x1F170 and <= 0x1F189))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;
    }

    /// <summary>Unicode's Case_Ignorable: Mn, Me, Cf, Lm, Sk and the word-internal marks (apostrophes, periods, colons).</summary>
    private static bool IsCaseIgnorable(Rune rune)
    {
        if (rune.Value is 0x27 or 0x2E or 0x3A or 0xB7 or 0x387 or 0x55F or 0x5F4 or 0x2018 or 0x2019
            or 0x2024 or 0x2027 or 0xFE13 or 0xFE52 or 0xFE55 or 0xFF07 or 0xFF0E or 0xFF1A)
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
    }
}
