using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// Builds a WordPiece vocabulary from a corpus, for training a model from scratch on a small
/// domain (the captions and questions of generated videos). Texts go through the same basic
/// tokenizer as <see cref="WordPieceTokenizer"/> with the same options. The vocabulary is: the
/// special tokens ([PAD] = 0, [UNK] = 1, [CLS] = 2, [SEP] = 3, [MASK] = 4), then whole words
/// seen at least <see cref="MinWordFrequency"/> times, most frequent first, then every character
/// seen and its continuation form ("x", "##x"), so any text made of the corpus's characters
/// encodes without [UNK]. Ties are broken by ordinal order, so the same corpus gives the same
/// ids whatever order its texts are added in.
/// </summary>
public sealed class WordPieceVocabularyBuilder
{
    private readonly WordPieceOptions _options;
    private readonly BasicTokenizer _basicTokenizer;
    private readonly SpecialTokenSplitter? _specialTokenSplitter;
    private readonly Dictionary<string, int> _wordCounts = new(StringComparer.Ordinal);

    /// <summary>Creates a builder; <paramref name="options"/> must be those the tokenizer will use.</summary>
    public WordPieceVocabularyBuilder(WordPieceOptions? options = null)
    {
        _options = options ?? new WordPieceOptions();
        _options.ThrowIfInvalid(nameof(options));
        _basicTokenizer = new BasicTokenizer(_options.LowerCase, _options.ShouldStripAccents);
        _specialTokenSplitter = _options.SplitOnSpecialTokens ? new SpecialTokenSplitter(_options.SpecialTokens) : null;
    }

    /// <summary>A word seen fewer times than this is left to be spelled from characters. Default 1 (keep every word).</summary>
    public int MinWordFrequency
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinWordFrequency), value, "The minimum word frequency must be at least 1.");
    } = 1;

    /// <summary>At most this many whole words are kept, the most frequent. Default null (no limit).</summary>
    public int? MaxWordCount
    {
        get;
        init => field = value is null or >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxWordCount), value, "The word limit cannot be negative; pass null for no limit.");
    }

    /// <summary>Counts the words of one text.</summary>
    public void Add(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<TextSegment>();
        if (_specialTokenSplitter is null)
        {
            segments.Add(new TextSegment(0, text.Length, IsSpecialToken: false));
        }
        else
        {
            _specialTokenSplitter.Split(text, segments);
        }

        var words = new List<PreToken>();
        foreach (var segment in segments.Where(s => !s.IsSpecialToken))
        {
            _basicTokenizer.Tokenize(text, segment.Start, segment.End, words);
        }

        foreach (var word in words)
        {
            _wordCounts[word.Text] = _wordCounts.GetValueOrDefault(word.Text) + 1;
        }
    }

    /// <summary>Counts the words of each text.</summary>
    public void AddRange(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            Add(text);
        }
    }

    /// <summary>Builds the vocabulary from the texts added so far.</summary>
    public WordPieceVocabulary Build()
    {
        var tokens = new List<string>(_options.SpecialTokens);
        var seen = new HashSet<string>(tokens, StringComparer.Ordinal);

        // A word longer than the tokenizer's limit is [UNK] whatever the vocabulary holds.
        var words = _wordCounts
            .Where(pair => pair.Value >= MinWordFrequency && CountCodePoints(pair.Key) <= _options.MaxInputCharsPerWord)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .Where(word => !seen.Contains(word))
            .Take(MaxWordCount ?? int.MaxValue)
            .ToList();
        tokens.AddRange(words);
        seen.UnionWith(words);

        var characters = _wordCounts.Keys
            .SelectMany(word => word.EnumerateRunes())
            .Distinct()
            .Order()
            .Select(rune => rune.ToString())
            .ToList();
        tokens.AddRange(characters.Where(seen.Add));
        tokens.AddRange(characters.Select(c => _options.ContinuingSubwordPrefix + c).Where(seen.Add));
        return new WordPieceVocabulary(tokens);
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
