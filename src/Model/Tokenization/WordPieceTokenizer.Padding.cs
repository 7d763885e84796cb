using System.Collections.Immutable;

namespace VideoLang.Model.Tokenization;

public sealed partial class WordPieceTokenizer
{
    /// <summary>
    /// Pads an encoding at the end to <paramref name="length"/> tokens with [PAD], token type 0,
    /// attention mask 0 and offsets (0, 0).
    /// </summary>
    public EncodedText Pad(EncodedText encoded, int length)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (length < encoded.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"The encoding already has {encoded.Length} tokens; pad to at least that many, or encode with maxLength to cut it.");
        }

        var padding = length - encoded.Length;
        return new EncodedText(
            encoded.Ids.AddRange(Enumerable.Repeat(PadId, padding)),
            encoded.TypeIds.AddRange(Enumerable.Repeat(0, padding)),
            encoded.AttentionMask.AddRange(Enumerable.Repeat(0, padding)),
            encoded.Offsets.AddRange(Enumerable.Repeat((0, 0), padding)),
            encoded.Tokens.AddRange(Enumerable.Repeat(Vocabulary[PadId], padding)));
    }

    /// <summary>
    /// Lays encodings out as one batch padded to <paramref name="length"/>, or to the longest
    /// encoding when it is null.
    /// </summary>
    public EncodedBatch PadBatch(IReadOnlyList<EncodedText> encodings, int? length = null)
    {
        ArgumentNullException.ThrowIfNull(encodings);
        var longest = 0;
        for (var i = 0; i < encodings.Count; i++)
        {
            var encoded = encodings[i] ?? throw new ArgumentException($"Encoding {i} of the batch is null.", nameof(encodings));
            longest = Math.Max(longest, encoded.Length);
        }

        if (length < longest)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length,
                $"The longest encoding has {longest} tokens; pad to at least that many, encode with maxLength to cut them, or pass null to pad to the longest.");
        }

        return new EncodedBatch(encodings, length ?? longest, PadId);
    }
}
