using System.Diagnostics;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// BERT's greedy longest-match-first WordPiece: the longest vocabulary entry that starts the
/// word, then the longest continuation ("##...") that starts the rest, and so on; a word with no
/// such split, or longer than the limit, is one unknown token. Immutable.
/// </summary>
internal sealed class WordPieceSplitter
{
    private readonly WordPieceVocabulary _vocabulary;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly int _unknownId;
    private readonly int _maxInputCharsPerWord;

    public WordPieceSplitter(WordPieceVocabulary vocabulary, string continuingSubwordPrefix, int unknownId, int maxInputCharsPerWord)
    {
        _vocabulary = vocabulary;
        _unknownId = unknownId;
        _maxInputCharsPerWord = maxInputCharsPerWord;

        // Continuations keyed without their prefix, so a lookup needs no concatenation. Later
        // ids overwrite earlier ones, as in the vocabulary itself.
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        var tokens = vocabulary.Tokens;
        for (var id = 0; id < tokens.Length; id++)
        {
            if (tokens[id].StartsWith(continuingSubwordPrefix, StringComparison.Ordinal))
            {
                continuations[tokens[id][continuingSubwordPrefix.Length..]] = id;
            }
        }

        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Appends the pieces of one word to <paramref name="pieces"/>.</summary>
    public void Split(PreToken word, List<TokenPiece> pieces)
    {
        var text = word.Text.AsSpan();
        if (CountCodePoints(text) > _maxInputCharsPerWord)
        {
            AddUnknown(word, pieces);
            return;
        }

        var firstPiece = pieces.Count;
        var start = 0;
        while (start < text.Length)
        {
            var end = text.Length;
            var id = -1;
            while (start < end)
            {
                var candidate = text[start..end];
                var found = start == 0 ? _vocabulary.TryGetId(candidate, out id) : _continuations.TryGetValue(candidate, out id);
                if (found)
                {
                    break;
                }

                id = -1;
                end -= end - start >= 2 && char.IsSurrogatePair(text[end - 2], text[end - 1]) ? 2 : 1;
            }

            if (id < 0)
            {
                pieces.RemoveRange(firstPiece, pieces.Count - firstPiece);
                AddUnknown(word, pieces);
                return;
            }

            var (sourceStart, sourceEnd) = word.SourceSpan(start, end);
            pieces.Add(new TokenPiece(id, sourceStart, sourceEnd));
            start = end;
        }
    }

    private void AddUnknown(PreToken word, List<TokenPiece> pieces)
    {
        var (start, end) = word.SourceSpan(0, word.Text.Length);
        pieces.Add(new TokenPiece(_unknownId, start, end));
    }

    /// <summary>The reference counts code points (Python's <c>len</c>), not UTF-16 chars.</summary>
    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        Debug.Assert(count > 0);
        return count;
    }
}
