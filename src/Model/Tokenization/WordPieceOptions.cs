namespace VideoLang.Model.Tokenization;

/// <summary>
/// How <see cref="WordPieceTokenizer"/> and <see cref="WordPieceVocabularyBuilder"/> split text.
/// The defaults are those of <c>bert-base-uncased</c> (Google's BERT and HuggingFace's
/// <c>BertTokenizer</c>); a cased vocabulary needs <see cref="LowerCase"/> set to <c>false</c>.
/// </summary>
public sealed class WordPieceOptions
{
    /// <summary>
    /// Lower-cases each word (as Python's <c>str.lower()</c>, Greek final sigma included) before
    /// it is looked up. Default <c>true</c>, for uncased vocabularies.
    /// </summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>
    /// Removes accents: decomposes to NFD and drops non-spacing marks, so "Café" becomes "cafe".
    /// Default <c>null</c>, which follows <see cref="LowerCase"/> as BERT does.
    /// </summary>
    public bool? StripAccents { get; set; }

    /// <summary>
    /// A word of more Unicode code points than this becomes one unknown token without being
    /// split. Default 100.
    /// </summary>
    public int MaxInputCharsPerWord { get; set; } = 100;

    /// <summary>Marks a piece that continues a word ("play", "##ing"). Default <c>"##"</c>.</summary>
    public string ContinuingSubwordPrefix { get; set; } = "##";

    /// <summary>
    /// Keeps the special tokens whole where the text itself contains them (case-sensitive, as
    /// HuggingFace does), so "a [MASK] b" encodes the mask token. Default <c>true</c>; set
    /// <c>false</c> to treat "[MASK]" in user text as the characters "[", "mask", "]".
    /// </summary>
    public bool SplitOnSpecialTokens { get; set; } = true;

    /// <summary>The token for a word the vocabulary cannot spell. Default <c>"[UNK]"</c>.</summary>
    public string UnknownToken { get; set; } = "[UNK]";

    /// <summary>The token that starts every encoding. Default <c>"[CLS]"</c>.</summary>
    public string ClassificationToken { get; set; } = "[CLS]";

    /// <summary>The token that ends each sequence. Default <c>"[SEP]"</c>.</summary>
    public string SeparatorToken { get; set; } = "[SEP]";

    /// <summary>The token that pads encodings to a common length. Default <c>"[PAD]"</c>.</summary>
    public string PaddingToken { get; set; } = "[PAD]";

    /// <summary>The token masked language modelling puts in a word's place. Default <c>"[MASK]"</c>.</summary>
    public string MaskingToken { get; set; } = "[MASK]";

    internal bool ShouldStripAccents => StripAccents ?? LowerCase;

    /// <summary>The special tokens in the order a built vocabulary gives them ids 0 to 4.</summary>
    internal string[] SpecialTokens => [PaddingToken, UnknownToken, ClassificationToken, SeparatorToken, MaskingToken];

    internal void ThrowIfInvalid(string paramName)
    {
        if (MaxInputCharsPerWord < 1)
        {
            throw new ArgumentException(
                $"{nameof(MaxInputCharsPerWord)} is {MaxInputCharsPerWord}; it must be at least 1 (BERT uses 100).",
                paramName);
        }

        if (string.IsNullOrEmpty(ContinuingSubwordPrefix))
        {
            throw new ArgumentException(
                $"{nameof(ContinuingSubwordPrefix)} is empty; set it to the vocabulary's continuation mark (BERT uses \"##\").",
                paramName);
        }

        var specials = SpecialTokens;
        foreach (var token in specials)
        {
            if (string.IsNullOrEmpty(token))
            {
                throw new ArgumentException(
                    "A special token option is null or empty; set each of UnknownToken, ClassificationToken, " +
                    "SeparatorToken, PaddingToken and MaskingToken to a token of the vocabulary.",
                    paramName);
            }
        }

        if (specials.Distinct(StringComparer.Ordinal).Count() != specials.Length)
        {
            throw new ArgumentException(
                $"The special tokens ({string.Join(", ", specials)}) must differ from each other; give each role its own token.",
                paramName);
        }
    }
}
