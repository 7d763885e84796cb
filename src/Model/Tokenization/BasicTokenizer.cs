using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// BERT's basic tokenizer (Google's tokenization.py, <c>BasicTokenizer</c>): drops NUL, U+FFFD
/// and control characters, splits at whitespace, makes each CJK ideograph a word of its own,
/// lower-cases and strips accents if asked, then makes each punctuation character a word of its
/// own. Unlike the reference, every char of a word remembers where in the original it came from.
/// Holds no state between calls, so one instance serves any number of threads.
/// </summary>
internal sealed class BasicTokenizer(bool lowerCase, bool stripAccents)
{
    /// <summary>Appends the words of <paramref name="text"/>[start..end) to <paramref name="words"/>.</summary>
    /// <remarks>
    /// REVIEW: HuggingFace's slow (Python) BertTokenizer NFC-normalizes the text first; Google's
    /// original and HuggingFace's fast tokenizer do not, and neither do we. It changes ids only
    /// for a cased vocabulary without accent stripping given decomposed accents ("e" + U+0301).
    /// </remarks>
    public void Tokenize(string text, int start, int end, List<PreToken> words)
    {
        var chunk = new List<SourceRune>();
        var scratch = new List<SourceRune>();
        var position = start;
        while (position < end)
        {
            // An unpaired surrogate decodes as U+FFFD and is dropped, as the reference drops "Cs".
            Rune.DecodeFromUtf16(text.AsSpan(position, end - position), out var rune, out var consumed);
            var source = new SourceRune(rune, position, position + consumed);
            position += consumed;

            if (CharacterClasses.IsDropped(rune))
            {
                continue;
            }

            if (CharacterClasses.IsWhitespace(rune))
            {
                SplitChunk(chunk, scratch, words);
            }
            else if (CharacterClasses.IsCjkIdeograph(rune))
            {
                SplitChunk(chunk, scratch, words);
                chunk.Add(source);
                SplitChunk(chunk, scratch, words);
            }
            else
            {
                chunk.Add(source);
            }
        }

        SplitChunk(chunk, scratch, words);
    }

    /// <summary>Normalizes a whitespace-delimited chunk, splits it at punctuation and empties it.</summary>
    private void SplitChunk(List<SourceRune> chunk, List<SourceRune> scratch, List<PreToken> words)
    {
        if (chunk.Count == 0)
        {
            return;
        }

        scratch.Clear();
        Normalize(CollectionsMarshal.AsSpan(chunk), scratch);
        chunk.Clear();

        // chunk is free again: collect the current word in it.
        foreach (var item in scratch)
        {
            if (CharacterClasses.IsPunctuation(item.Rune))
            {
                EmitWord(chunk, words);
                chunk.Add(item);
                EmitWord(chunk, words);
            }
            else
            {
                chunk.Add(item);
            }
        }

        EmitWord(chunk, words);
    }

    private void Normalize(ReadOnlySpan<SourceRune> chunk, List<SourceRune> output)
    {
        Span<Rune> lowered = stackalloc Rune[2];
        for (var i = 0; i < chunk.Length; i++)
        {
            if (!lowerCase)
            {
                AddStripped(chunk[i], chunk[i].Rune, output);
                continue;
            }

            // Casing looks at the whole chunk: whether Σ becomes ς depends on its neighbours.
            var count = Lowercasing.ToLower(chunk, i, lowered);
            for (var j = 0; j < count; j++)
            {
                AddStripped(chunk[i], lowered[j], output);
            }
        }
    }

    private void AddStripped(SourceRune source, Rune rune, List<SourceRune> output)
    {
        if (!stripAccents || rune.IsAscii)
        {
            output.Add(source with { Rune = rune });
            return;
        }

        // REVIEW: decomposing one code point at a time skips NFD's reordering of combining
        // marks across code points. The marks that reordering moves are the non-spacing ones
        // dropped here, so the words come out the same (the golden file checks this).
        foreach (var decomposed in rune.ToString().Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(decomposed) != UnicodeCategory.NonSpacingMark)
            {
                output.Add(source with { Rune = decomposed });
            }
        }
    }

    private static void EmitWord(List<SourceRune> word, List<PreToken> words)
    {
        if (word.Count == 0)
        {
            return;
        }

        var length = 0;
        foreach (var item in word)
        {
            length += item.Rune.Utf16SequenceLength;
        }

        var chars = new char[length];
        var starts = new int[length];
        var ends = new int[length];
        var position = 0;
        foreach (var item in word)
        {
            var written = item.Rune.EncodeToUtf16(chars.AsSpan(position));
            starts.AsSpan(position, written).Fill(item.Start);
            ends.AsSpan(position, written).Fill(item.End);
            position += written;
        }

        words.Add(new PreToken(new string(chars), starts, ends));
        word.Clear();
    }
}
