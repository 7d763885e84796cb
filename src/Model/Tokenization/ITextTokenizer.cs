using System.Collections.Immutable;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// A text tokenizer for a dual-encoder text tower (CLIP, SigLIP): one text to ids with the
/// model's special tokens in place and cut to its context, many texts to one padded batch. The
/// model code takes this, so it runs with whichever tokenizer the imported model came with.
/// </summary>
public interface ITextTokenizer
{
    /// <summary>The number of positions the text tower has (77 for CLIP, 64 for SigLIP); every row of a batch has this length.</summary>
    int ContextLength { get; }

    /// <summary>The id padding is filled with.</summary>
    int PadId { get; }

    /// <summary>The id ending every encoding (CLIP's <c>&lt;|endoftext|&gt;</c>, SigLIP's <c>&lt;/s&gt;</c>).</summary>
    int EndId { get; }

    /// <summary>Encodes one text: ids with the special tokens, cut to <see cref="ContextLength"/> keeping the end token, not padded.</summary>
    ImmutableArray<int> Encode(string text);

    /// <summary>Encodes texts into one batch padded to <see cref="ContextLength"/>.</summary>
    TokenBatch EncodeBatch(IReadOnlyList<string> texts);
}
