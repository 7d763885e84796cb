using System.Collections.Immutable;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// One text (or text pair) encoded for BERT: token ids with [CLS] and [SEP] in place, the token
/// type of each (0 for the first sequence, 1 for the second), the attention mask (1 for a real
/// token, 0 for padding), each token's [Start, End) range of UTF-16 chars in the original text
/// ((0, 0) for the [CLS], [SEP] and [PAD] the encoder adds) and the token strings. All five have
/// one entry per token. Equality compares the contents.
/// </summary>
public sealed record EncodedText
{
    /// <summary>Creates an encoding; the five arrays must be of the same length.</summary>
    public EncodedText(
        ImmutableArray<int> ids,
        ImmutableArray<int> typeIds,
        ImmutableArray<int> attentionMask,
        ImmutableArray<(int Start, int End)> offsets,
        ImmutableArray<string> tokens)
    {
        if (ids.IsDefault || typeIds.IsDefault || attentionMask.IsDefault || offsets.IsDefault || tokens.IsDefault)
        {
            throw new ArgumentException("An array of the encoding is uninitialized (default); pass empty arrays for an empty encoding.");
        }

        if (typeIds.Length != ids.Length || attentionMask.Length != ids.Length || offsets.Length != ids.Length || tokens.Length != ids.Length)
        {
            throw new ArgumentException(
                $"The encoding's arrays differ in length (ids {ids.Length}, type ids {typeIds.Length}, attention mask " +
                $"{attentionMask.Length}, offsets {offsets.Length}, tokens {tokens.Length}); give every token one entry in each.");
        }

        Ids = ids;
        TypeIds = typeIds;
        AttentionMask = attentionMask;
        Offsets = offsets;
        Tokens = tokens;
    }

    /// <summary>The vocabulary ids (BERT's <c>input_ids</c>).</summary>
    public ImmutableArray<int> Ids { get; }

    /// <summary>0 for [CLS], the first sequence and its [SEP]; 1 for the second sequence and its [SEP] (<c>token_type_ids</c>).</summary>
    public ImmutableArray<int> TypeIds { get; }

    /// <summary>1 for a token the model attends to, 0 for padding (<c>attention_mask</c>).</summary>
    public ImmutableArray<int> AttentionMask { get; }

    /// <summary>The [Start, End) range of UTF-16 chars of the original text each token stands for.</summary>
    public ImmutableArray<(int Start, int End)> Offsets { get; }

    /// <summary>The vocabulary's string for each id ("play", "##ing", "[CLS]").</summary>
    public ImmutableArray<string> Tokens { get; }

    /// <summary>The number of tokens, padding included.</summary>
    public int Length => Ids.Length;

    /// <inheritdoc />
    public bool Equals(EncodedText? other) =>
        other is not null
        && Ids.AsSpan().SequenceEqual(other.Ids.AsSpan())
        && TypeIds.AsSpan().SequenceEqual(other.TypeIds.AsSpan())
        && AttentionMask.AsSpan().SequenceEqual(other.AttentionMask.AsSpan())
        && Offsets.AsSpan().SequenceEqual(other.Offsets.AsSpan())
        && Tokens.AsSpan().SequenceEqual(other.Tokens.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var id in Ids)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Tokens = [").AppendJoin(' ', Tokens).Append("], Ids = [").AppendJoin(' ', Ids).Append(']');
        return true;
    }
}
