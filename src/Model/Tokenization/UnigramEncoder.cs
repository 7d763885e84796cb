using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// SentencePiece's Unigram segmentation (unigram_model.cc): the best-scoring path through the
/// lattice of vocabulary pieces over the normalized UTF-8 bytes, one unknown node (score: lowest
/// piece score minus 10) for a character no one-character piece covers, and, as
/// SentencePieceProcessor does, a run of unknown pieces merged into one. Microsoft.ML.Tokenizers
/// 3.0.0's SentencePieceTokenizer is not used here (UnigramEncoderTests and
/// SiglipTokenizerReferenceTests show each case): it throws IndexOutOfRangeException on a model
/// without a BOS piece (T5's and SigLIP's, bos_id -1); it gives one unknown id per character where
/// sentencepiece gives one per run (emoji, scripts the vocabulary lacks); it keeps characters that
/// nmt_nfkc deletes (controls such as U+0007) as unknowns; and HF's way of turning SigLIP's dummy
/// prefix off (a NormalizerSpec merged into the model) makes it drop the precompiled_charsmap.
/// </summary>
internal sealed class UnigramEncoder
{
    // FLT_MIN, where sentencepiece starts its running maximum of piece scores.
    private const float SentencePieceMaxScoreStart = 1.17549435E-38f;
    private const float UnknownPenalty = 10f;

    private readonly TrieNode _root = new();
    private readonly SentencePieceModel.Piece[] _pieces;
    private readonly float _unknownScore;
    private readonly float _maxScore;

    public UnigramEncoder(SentencePieceModel model, string path)
    {
        _pieces = [.. model.Pieces];
        UnknownId = Array.FindIndex(_pieces, p => p.Type == SentencePieceModel.PieceType.Unknown);
        if (UnknownId < 0)
        {
            throw new InvalidDataException($"{path} has no piece of type UNKNOWN; a SentencePiece model needs one.");
        }

        var minScore = float.MaxValue;
        _maxScore = SentencePieceMaxScoreStart;
        for (var id = 0; id < _pieces.Length; id++)
        {
            var piece = _pieces[id];
            if (piece.Type == SentencePieceModel.PieceType.Normal)
            {
                minScore = Math.Min(minScore, piece.Score);
                _maxScore = Math.Max(_maxScore, piece.Score);
            }

            if (piece.Type is SentencePieceModel.PieceType.Normal or SentencePieceModel.PieceType.UserDefined or SentencePieceModel.PieceType.Unused)
            {
                Insert(Encoding.UTF8.GetBytes(piece.Text), id, path);
            }
        }

        _unknownScore = minScore - UnknownPenalty;
    }

    public int UnknownId { get; }

    /// <summary>Segments normalized bytes into (id, surface) pieces.</summary>
    public List<(int Id, string Surface)> Encode(ReadOnlySpan<byte> normalized)
    {
        var size = normalized.Length;
        var best = new (int Id, float Score, int StartsAt)[size + 1];
        for (var i = 0; i <= size; i++)
        {
            best[i] = (-1, 0f, -1);
        }

        var startsAt = 0;
        while (startsAt < size)
        {
            var scoreHere = best[startsAt].Score;
            var characterLength = Math.Max(1, Math.Min(Utf8.CharacterLength(normalized[startsAt..]), size - startsAt));
            var hasSingleCharacter = false;
            var node = _root;
            for (var keyPosition = startsAt; keyPosition < size; keyPosition++)
            {
                if (node.Children is null || !node.Children.TryGetValue(normalized[keyPosition], out node))
                {
                    break;
                }

                if (node.Id < 0 || _pieces[node.Id].Type == SentencePieceModel.PieceType.Unused)
                {
                    continue;
                }

                var length = keyPosition + 1 - startsAt;
                // User-defined pieces get a bonus so they are always taken, as in sentencepiece.
                var candidate = _pieces[node.Id].Type == SentencePieceModel.PieceType.UserDefined
                    ? (float)((length * (double)_maxScore) - 0.1 + scoreHere)
                    : _pieces[node.Id].Score + scoreHere;
                ref var target = ref best[keyPosition + 1];
                if (target.StartsAt == -1 || candidate > target.Score)
                {
                    target = (node.Id, candidate, startsAt);
                }

                hasSingleCharacter |= length == characterLength;
            }

            if (!hasSingleCharacter)
            {
                ref var target = ref best[startsAt + characterLength];
                var candidate = _unknownScore + scoreHere;
                if (target.StartsAt == -1 || candidate > target.Score)
                {
                    target = (UnknownId, candidate, startsAt);
                }
            }

            startsAt += characterLength;
        }

        var path = new List<(int Id, int Start, int End)>();
        for (var end = size; end > 0; end = best[end].StartsAt)
        {
            path.Add((best[end].Id, best[end].StartsAt, end));
        }

        path.Reverse();
        var pieces = new List<(int Id, string Surface)>(path.Count);
        for (var i = 0; i < path.Count; i++)
        {
            var (id, start, end) = path[i];
            // SentencePieceProcessor merges a run of unknown pieces into one.
            while (id == UnknownId && i + 1 < path.Count && path[i + 1].Id == UnknownId)
            {
                end = path[++i].End;
            }

            pieces.Add((id, Encoding.UTF8.GetString(normalized[start..end])));
        }

        return pieces;
    }

    private void Insert(byte[] key, int id, string path)
    {
        if (key.Length == 0)
        {
            throw new InvalidDataException($"{path}: piece {id} is empty.");
        }

        var node = _root;
        foreach (var b in key)
        {
            node.Children ??= [];
            if (!node.Children.TryGetValue(b, out var child))
            {
                child = new TrieNode();
                node.Children[b] = child;
            }

            node = child;
        }

        if (node.Id >= 0)
        {
            throw new InvalidDataException($"{path}: pieces {node.Id} and {id} are both \"{_pieces[id].Text}\".");
        }

        node.Id = id;
    }

    private sealed class TrieNode
    {
        public Dictionary<byte, TrieNode>? Children { get; set; }

        public int Id { get; set; } = -1;
    }
}
