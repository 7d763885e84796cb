using System.Collections.Immutable;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// SigLIP's SentencePiece (Unigram) tokenizer read from a model folder's <c>spiece.model</c>,
/// with HuggingFace <c>SiglipTokenizer</c>'s steps: each character lower-cased, "▁" put in front,
/// special tokens written in the text split out, ASCII punctuation removed and whitespace
/// collapsed, SentencePiece normalization (the model's precompiled_charsmap, dummy prefix off as
/// HF turns it off), Unigram segmentation, <c>&lt;/s&gt;</c> appended, cut to 64 keeping it,
/// padded with the pad id (HF's default: <c>&lt;/s&gt;</c>). SigLIP's text tower takes no
/// attention mask and pools the last position, so a batch is always padded to the full context
/// as the model was trained. The Unigram code is ours (<see cref="UnigramEncoder"/> says why).
/// Immutable: one instance may be used from any number of threads.
/// </summary>
public sealed class SiglipTokenizer : ITextTokenizer
{
    /// <summary>SigLIP's context: 64 positions.</summary>
    public const int DefaultContextLength = 64;

    private const string SpaceSymbol = "\u2581";

    private readonly SentencePieceNormalization _normalization;
    private readonly UnigramEncoder _encoder;
    private readonly string _unknownToken;
    private readonly string[] _specialTokens;
    private readonly Dictionary<string, int> _specialIds;
    private readonly int _unknownTokenLength;

    private SiglipTokenizer(SentencePieceModel model, string path, int contextLength, int? padTokenId)
    {
        ContextLength = contextLength;
        _normalization = new SentencePieceNormalization(model, path, addDummyPrefix: false);
        _encoder = new UnigramEncoder(model, path);
        UnknownId = _encoder.UnknownId;
        _unknownToken = model.Pieces[UnknownId].Text;
        EndId = FindPiece(model, "</s>", path);
        PadId = padTokenId ?? EndId;
        if (PadId < 0 || PadId >= model.Pieces.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(padTokenId), padTokenId,
                $"{path} has ids 0 to {model.Pieces.Length - 1}; pass null to pad with </s> ({EndId}) as SigLIP does.");
        }

        _specialIds = new Dictionary<string, int> { ["</s>"] = EndId, [_unknownToken] = UnknownId };
        _specialTokens = [.. _specialIds.Keys.OrderByDescending(s => s.Length)];
        _unknownTokenLength = EncodePieces(_unknownToken).Count;
    }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <inheritdoc />
    public int EndId { get; }

    /// <inheritdoc />
    public int PadId { get; }

    /// <summary>Id of the unknown piece (<c>&lt;unk&gt;</c>), given to any run of characters the vocabulary lacks.</summary>
    public int UnknownId { get; }

    /// <summary>
    /// Loads a SentencePiece Unigram model (<c>spiece.model</c>). <paramref name="padTokenId"/>:
    /// null pads with <c>&lt;/s&gt;</c>, as HF's SiglipTokenizer and big_vision do.
    /// </summary>
    public static SiglipTokenizer FromFile(string spiecePath, int contextLength = DefaultContextLength, int? padTokenId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(spiecePath);
        if (contextLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength,
                "The context counts the </s> token, so it must be at least 1; SigLIP's is 64.");
        }

        var model = SentencePieceModel.Load(spiecePath);
        if (model.Kind != SentencePieceModel.ModelKind.Unigram)
        {
            throw new InvalidDataException($"{spiecePath} is a SentencePiece {model.Kind} model; SigLIP's is Unigram, and only Unigram is read.");
        }

        if (model.ByteFallback || model.TreatWhitespaceAsSuffix)
        {
            throw new InvalidDataException(
                $"{spiecePath} uses byte_fallback or treat_whitespace_as_suffix, which SigLIP's model does not; such a model is not supported.");
        }

        return new SiglipTokenizer(model, spiecePath, contextLength, padTokenId);
    }

    /// <inheritdoc />
    public ImmutableArray<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = Tokenize(text);
        var kept = Math.Min(pieces.Count, ContextLength - 1);
        var ids = ImmutableArray.CreateBuilder<int>(kept + 1);
        for (var i = 0; i < kept; i++)
        {
            ids.Add(pieces[i].Id);
        }

        // HF adds </s> unless the ids already end with it (a "</s>" written at the end of the text).
        if (ids.Count == 0 || ids[^1] != EndId)
        {
            ids.Add(EndId);
        }

        return ids.ToImmutable();
    }

    /// <inheritdoc />
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = new ImmutableArray<int>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            rows[i] = Encode(texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts)));
        }

        return new TokenBatch(rows, ContextLength, PadId);
    }

    /// <summary>The pieces HF's SiglipTokenizer.tokenize gives, before the end token.</summary>
    internal List<(int Id, string Surface)> Tokenize(string text)
    {
        var prepared = Lowercasing.ToLowerEachCharacter(SpaceSymbol + text.Replace(SpaceSymbol, " ", StringComparison.Ordinal));
        var pieces = new List<(int Id, string Surface)>();
        foreach (var (part, isSpecial) in SiglipText.SplitSpecialTokens(prepared, _specialTokens))
        {
            if (isSpecial)
            {
                pieces.Add((_specialIds[part], part));
                continue;
            }

            if (part.Length == 0)
            {
                continue;
            }

            // HF encodes "<unk>" + text and drops the pieces of "<unk>": with the dummy prefix off,
            // this keeps the text's leading "▁" as sentencepiece would otherwise strip it.
            var encoded = EncodePieces(_unknownToken + SiglipText.Canonicalize(part));
            pieces.AddRange(encoded.Count >= _unknownTokenLength ? encoded.Skip(_unknownTokenLength) : encoded);
        }

        if (pieces.Count > 1 && pieces[0].Surface == SpaceSymbol && _specialIds.ContainsKey(pieces[1].Surface))
        {
            pieces.RemoveAt(0);
        }

        return pieces;
    }

    private List<(int Id, string Surface)> EncodePieces(string text) => _encoder.Encode(_normalization.Normalize(text));

    private static int FindPiece(SentencePieceModel model, string piece, string path)
    {
        for (var id = 0; id < model.Pieces.Length; id++)
        {
            if (model.Pieces[id].Text == piece)
            {
                return id;
            }
        }

        throw new InvalidDataException($"{path} has no {piece} piece; SigLIP's model ends every text with it.");
    }
}
