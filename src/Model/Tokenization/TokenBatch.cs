using System.Collections.Immutable;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// Encodings of a dual-encoder tokenizer (<see cref="ITextTokenizer"/>) padded to one length and
/// laid out row-major, ready to become int64 tensors of shape <see cref="Shape"/> ([batch,
/// length]), e.g. <c>Tensor.FromSpan(batch.InputIds.Span, batch.Shape)</c>; <see cref="EndIndices"/>
/// gives each row's end-token position, where CLIP pools its text features.
/// </summary>
public sealed class TokenBatch
{
    private readonly long[] _inputIds;
    private readonly long[] _attentionMask;
    private readonly long[] _endIndices;

    internal TokenBatch(IReadOnlyList<ImmutableArray<int>> rows, int length, int padId)
    {
        Rows = [.. rows];
        Length = length;
        _inputIds = new long[Rows.Length * length];
        _attentionMask = new long[Rows.Length * length];
        _endIndices = new long[Rows.Length];
        _inputIds.AsSpan().Fill(padId);
        for (var row = 0; row < Rows.Length; row++)
        {
            var ids = Rows[row];
            if (ids.Length is 0 || ids.Length > length)
            {
                throw new ArgumentException($"Row {row} has {ids.Length} ids; a row needs 1 to {length} (its end token included).", nameof(rows));
            }

            var offset = row * length;
            for (var i = 0; i < ids.Length; i++)
            {
                _inputIds[offset + i] = ids[i];
                _attentionMask[offset + i] = 1;
            }

            _endIndices[row] = ids.Length - 1;
        }
    }

    /// <summary>Each row's ids before padding.</summary>
    public ImmutableArray<ImmutableArray<int>> Rows { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Rows.Length;

    /// <summary>The padded length of every row.</summary>
    public int Length { get; }

    /// <summary>[<see cref="Count"/>, <see cref="Length"/>].</summary>
    public long[] Shape => [Count, Length];

    /// <summary>Token ids, row-major, padding filled with the tokenizer's pad id (<c>input_ids</c>).</summary>
    public ReadOnlyMemory<long> InputIds => _inputIds;

    /// <summary>1 for a token, 0 for padding, row-major (<c>attention_mask</c>; SigLIP's text tower takes none).</summary>
    public ReadOnlyMemory<long> AttentionMask => _attentionMask;

    /// <summary>Each row's position of its end token (the last real token), shape [<see cref="Count"/>].</summary>
    public ReadOnlyMemory<long> EndIndices => _endIndices;
}
