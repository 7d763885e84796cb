using System.Buffers;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// Cuts the special tokens out of a text where it contains them, leftmost first and the longest
/// at a position, case-sensitively, as HuggingFace's tokenizers do before BERT's basic
/// tokenizer runs. Immutable.
/// </summary>
internal sealed class SpecialTokenSplitter
{
    private readonly string[] _tokens;
    private readonly SearchValues<char> _firstChars;

    public SpecialTokenSplitter(IEnumerable<string> tokens)
    {
        _tokens = [.. tokens.Distinct(StringComparer.Ordinal).OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];
        _firstChars = SearchValues.Create([.. _tokens.Select(t => t[0]).Distinct()]);
    }

    /// <summary>Appends the segments of <paramref name="text"/>, in order, covering all of it.</summary>
    public void Split(string text, List<TextSegment> segments)
    {
        var segmentStart = 0;
        var position = 0;
        while (position < text.Length)
        {
            var found = text.AsSpan(position).IndexOfAny(_firstChars);
            if (found < 0)
            {
                break;
            }

            position += found;
            var match = MatchAt(text, position);
            if (match is null)
            {
                position++;
                continue;
            }

            if (position > segmentStart)
            {
                segments.Add(new TextSegment(segmentStart, position, IsSpecialToken: false));
            }

            segments.Add(new TextSegment(position, position + match.Length, IsSpecialToken: true));
            position += match.Length;
            segmentStart = position;
        }

        if (segmentStart < text.Length)
        {
            segments.Add(new TextSegment(segmentStart, text.Length, IsSpecialToken: false));
        }
    }

    private string? MatchAt(string text, int position)
    {
        foreach (var token in _tokens)
        {
            if (text.AsSpan(position).StartsWith(token, StringComparison.Ordinal))
            {
                return token;
            }
        }

        return null;
    }
}
