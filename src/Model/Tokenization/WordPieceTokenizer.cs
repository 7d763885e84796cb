using System.Collections.Immutable;
using System.Diagnostics;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// BERT's WordPiece tokenizer: gives the ids Google's BERT and HuggingFace's
/// <c>BertTokenizer</c> give for the same vocabulary (e.g. <c>bert-base-uncased</c>). Text goes
/// through BERT's basic tokenizer (clean-up, CJK and punctuation splitting, lower-casing and
/// accent stripping per <see cref="WordPieceOptions"/>), then greedy longest-match-first
/// WordPiece; special tokens written in the text stay whole. Encodings carry [CLS]/[SEP], token
/// types, attention mask and each token's offsets into the original string. Immutable: one
/// instance may be used from any number of threads.
/// </summary>
public sealed partial class WordPieceTokenizer
{
    private readonly BasicTokenizer _basicTokenizer;
    private readonly SpecialTokenSplitter? _specialTokenSplitter;
    private readonly WordPieceSplitter _wordPieceSplitter;
    private readonly string _continuingSubwordPrefix;
    private readonly ImmutableHashSet<int> _specialIds;

    /// <summary>Creates a tokenizer over <paramref name="vocabulary"/>, which must hold the five special tokens.</summary>
    public WordPieceTokenizer(WordPieceVocabulary vocabulary, WordPieceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        options ??= new WordPieceOptions();
        options.ThrowIfInvalid(nameof(options));

        Vocabulary = vocabulary;
        UnkId = RequireToken(vocabulary, options.UnknownToken, nameof(WordPieceOptions.UnknownToken));
        ClsId = RequireToken(vocabulary, options.ClassificationToken, nameof(WordPieceOptions.ClassificationToken));
        SepId = RequireToken(vocabulary, options.SeparatorToken, nameof(WordPieceOptions.SeparatorToken));
        PadId = RequireToken(vocabulary, options.PaddingToken, nameof(WordPieceOptions.PaddingToken));
        MaskId = RequireToken(vocabulary, options.MaskingToken, nameof(WordPieceOptions.MaskingToken));
        _specialIds = [UnkId, ClsId, SepId, PadId, MaskId];

        _basicTokenizer = new BasicTokenizer(options.LowerCase, options.ShouldStripAccents);
        _specialTokenSplitter = options.SplitOnSpecialTokens ? new SpecialTokenSplitter(options.SpecialTokens) : null;
        _continuingSubwordPrefix = options.ContinuingSubwordPrefix;
        _wordPieceSplitter = new WordPieceSplitter(vocabulary, _continuingSubwordPrefix, UnkId, options.MaxInputCharsPerWord);
    }

    /// <summary>The vocabulary ids come from.</summary>
    public WordPieceVocabulary Vocabulary { get; }

    /// <summary>Id of the unknown token ([UNK], 100 in bert-base-uncased).</summary>
    public int UnkId { get; }

    /// <summary>Id of the classification token ([CLS], 101 in bert-base-uncased).</summary>
    public int ClsId { get; }

    /// <summary>Id of the separator token ([SEP], 102 in bert-base-uncased).</summary>
    public int SepId { get; }

    /// <summary>Id of the padding token ([PAD], 0 in bert-base-uncased).</summary>
    public int PadId { get; }

    /// <summary>Id of the mask token ([MASK], 103 in bert-base-uncased).</summary>
    public int MaskId { get; }

    /// <summary>Loads a <c>vocab.txt</c> (see <see cref="WordPieceVocabulary.Load"/>) and creates a tokenizer over it.</summary>
    public static WordPieceTokenizer FromVocabularyFile(string path, WordPieceOptions? options = null) =>
        new(WordPieceVocabulary.Load(path), options);

    /// <summary>
    /// Encodes one text as [CLS] tokens [SEP]. With <paramref name="maxLength"/> (which counts
    /// [CLS] and [SEP]) the tokens are cut at the end to fit; without it nothing is cut.
    /// </summary>
    public EncodedText Encode(string text, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (maxLength is < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength,
                "maxLength counts [CLS] and [SEP], so it must be at least 2; pass null for no limit.");
        }

        var pieces = Tokenize(text);
        if (maxLength is { } max && pieces.Count > max - 2)
        {
            pieces.RemoveRange(max - 2, pieces.Count - (max - 2));
        }

        return Build(pieces, second: null);
    }

    /// <summary>
    /// Encodes a text pair as [CLS] first [SEP] second [SEP], token type 0 up to the first [SEP]
    /// and 1 after it. With <paramref name="maxLength"/> (which counts the three special tokens)
    /// tokens are cut longest-first: one token at a time from the end of the longer sequence,
    /// from the second when they are as long, as BERT and HuggingFace's "longest_first" do.
    /// </summary>
    public EncodedText EncodePair(string first, string second, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (maxLength is < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength,
                "maxLength counts [CLS] and two [SEP], so it must be at least 3; pass null for no limit.");
        }

        var firstPieces = Tokenize(first);
        var secondPieces = Tokenize(second);
        if (maxLength is { } max)
        {
            var (firstCount, secondCount) = (firstPieces.Count, secondPieces.Count);
            while (firstCount + secondCount > max - 3)
            {
                if (firstCount > secondCount)
                {
                    firstCount--;
                }
                else
                {
                    secondCount--;
                }
            }

            firstPieces.RemoveRange(firstCount, firstPieces.Count - firstCount);
            secondPieces.RemoveRange(secondCount, secondPieces.Count - secondCount);
        }

        return Build(firstPieces, secondPieces);
    }

    /// <summary>Encodes each text (see <see cref="Encode"/>) and pads them to the longest.</summary>
    public EncodedBatch EncodeBatch(IReadOnlyList<string> texts, int? maxLength = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encodings = new EncodedText[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            encodings[i] = Encode(texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null; pass \"\" for an empty text.", nameof(texts)), maxLength);
        }

        return PadBatch(encodings);
    }

    /// <summary>Token pieces of the text, without [CLS] and [SEP].</summary>
    internal List<TokenPiece> Tokenize(string text)
    {
        var pieces = new List<TokenPiece>();
        var words = new List<PreToken>();
        var segments = new List<TextSegment>();
        if (_specialTokenSplitter is null)
        {
            segments.Add(new TextSegment(0, text.Length, IsSpecialToken: false));
        }
        else
        {
            _specialTokenSplitter.Split(text, segments);
        }

        foreach (var segment in segments)
        {
            if (segment.IsSpecialToken)
            {
                var known = Vocabulary.TryGetId(text.AsSpan(segment.Start, segment.End - segment.Start), out var id);
                Debug.Assert(known, "The constructor checked that every special token is in the vocabulary.");
                pieces.Add(new TokenPiece(id, segment.Start, segment.End));
                continue;
            }

            words.Clear();
            _basicTokenizer.Tokenize(text, segment.Start, segment.End, words);
            foreach (var word in words)
            {
                _wordPieceSplitter.Split(word, pieces);
            }
        }

        return pieces;
    }

    private EncodedText Build(List<TokenPiece> first, List<TokenPiece>? second)
    {
        var length = first.Count + 2 + (second is null ? 0 : second.Count + 1);
        var ids = ImmutableArray.CreateBuilder<int>(length);
        var typeIds = ImmutableArray.CreateBuilder<int>(length);
        var offsets = ImmutableArray.CreateBuilder<(int Start, int End)>(length);
        var tokens = ImmutableArray.CreateBuilder<string>(length);

        void Add(int id, int typeId, int start, int end)
        {
            ids.Add(id);
            typeIds.Add(typeId);
            offsets.Add((start, end));
            tokens.Add(Vocabulary[id]);
        }

        Add(ClsId, 0, 0, 0);
        foreach (var piece in first)
        {
            Add(piece.Id, 0, piece.Start, piece.End);
        }

        Add(SepId, 0, 0, 0);
        if (second is not null)
        {
            foreach (var piece in second)
            {
                Add(piece.Id, 1, piece.Start, piece.End);
            }

            Add(SepId, 1, 0, 0);
        }

        var attentionMask = ImmutableArray.CreateRange(Enumerable.Repeat(1, length));
        return new EncodedText(ids.MoveToImmutable(), typeIds.MoveToImmutable(), attentionMask, offsets.MoveToImmutable(), tokens.MoveToImmutable());
    }

    private static int RequireToken(WordPieceVocabulary vocabulary, string token, string option)
    {
        if (!vocabulary.TryGetId(token, out var id))
        {
            throw new ArgumentException(
                $"The vocabulary has no \"{token}\" ({option}); add it to vocab.txt or set WordPieceOptions.{option} to the vocabulary's token.",
                nameof(vocabulary));
        }

        return id;
    }
}
