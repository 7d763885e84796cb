using System.Collections.Immutable;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// Encodings padded to one length and laid out row-major, ready to become int64 tensors of
/// shape <see cref="Shape"/> ([batch, length]): for instance
/// <c>Tensor.FromSpan(batch.InputIds.Span, batch.Shape)</c>. Rows shorter than
/// <see cref="Length"/> are filled with the padding id, token type 0 and attention mask 0.
/// </summary>
public sealed class EncodedBatch
{
    private readonly long[] _inputIds;
    private readonly long[] _tokenTypeIds;
    private readonly long[] _attentionMask;

    internal EncodedBatch(IReadOnlyList<EncodedText> items, int length, int padId)
    {
        Items = [.. items];
        Length = length;
        _inputIds = new long[Items.Length * length];
        _tokenTypeIds = new long[Items.Length * length];
        _attentionMask = new long[Items.Length * length];
        _inputIds.AsSpan().Fill(padId);
        for (var row = 0; row < Items.Length; row++)
        {
            var item = Items[row];
            var offset = row * length;
            for (var i = 0; i < item.Length; i++)
            {
                _inputIds[offset + i] = item.Ids[i];
                _tokenTypeIds[offset + i] = item.TypeIds[i];
                _attentionMask[offset + i] = item.AttentionMask[i];
            }
        }
    }

    /// <summary>The encodings as they were given, before padding (for their offsets and tokens).</summary>
    public ImmutableArray<EncodedText> Items { get; }

    /// <summary>The number of rows.</summary>
    public int Count => Items.Length;

    /// <summary>The padded length of every row.</summary>
    public int Length { get; }

    /// <summary>[<see cref="Count"/>, <see cref="Length"/>].</summary>
    public long[] Shape => [Count, Length];

    /// <summary>Token ids, row-major.</summary>
    public ReadOnlyMemory<long> InputIds => _inputIds;

    /// <summary>Token type ids, row-major.</summary>
    public ReadOnlyMemory<long> TokenTypeIds => _tokenTypeIds;

    /// <summary>Attention mask, row-major: 1 for tokens, 0 for padding.</summary>
    public ReadOnlyMemory<long> AttentionMask => _attentionMask;
}
