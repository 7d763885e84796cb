using System.Diagnostics;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// A word from <see cref="BasicTokenizer"/>: its normalized text and, for each UTF-16 char of
/// that text, the range of the original string the char came from.
/// </summary>
internal sealed class PreToken
{
    private readonly int[] _starts;
    private readonly int[] _ends;

    public PreToken(string text, int[] starts, int[] ends)
    {
        Debug.Assert(text.Length > 0 && starts.Length == text.Length && ends.Length == text.Length);
        Text = text;
        _starts = starts;
        _ends = ends;
    }

    public string Text { get; }

    /// <summary>The original range covered by the normalized chars [from, to).</summary>
    public (int Start, int End) SourceSpan(int from, int to)
    {
        Debug.Assert(0 <= from && from < to && to <= Text.Length);

        // Canonical reordering of combining marks can put a later original char first, so take
        // the extremes rather than the ends.
        var start = int.MaxValue;
        var end = int.MinValue;
        for (var i = from; i < to; i++)
        {
            start = Math.Min(start, _starts[i]);
            end = Math.Max(end, _ends[i]);
        }

        return (start, end);
    }
}
