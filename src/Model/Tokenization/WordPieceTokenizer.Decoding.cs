using System.Text;

namespace VideoLang.Model.Tokenization;

public sealed partial class WordPieceTokenizer
{
    /// <summary>
    /// Turns ids back into text: tokens joined by spaces, a continuation piece ("##ing") glued to
    /// the piece before it, as HuggingFace's <c>decode</c> without clean-up. The text is the
    /// normalized one (lower-cased, accents stripped, punctuation spaced), not the original.
    /// </summary>
    /// <param name="ids">Token ids of this tokenizer's vocabulary.</param>
    /// <param name="skipSpecialTokens">Leaves out [CLS], [SEP], [PAD], [MASK] and [UNK]; default true.</param>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            if ((uint)id >= (uint)Vocabulary.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id,
                    $"Id {id} is not in the vocabulary (ids 0 to {Vocabulary.Count - 1}); decode with the tokenizer that encoded it.");
            }

            if (skipSpecialTokens && _specialIds.Contains(id))
            {
                continue;
            }

            var token = Vocabulary[id];
            if (text.Length > 0 && token.StartsWith(_continuingSubwordPrefix, StringComparison.Ordinal))
            {
                text.Append(token.AsSpan(_continuingSubwordPrefix.Length));
            }
            else
            {
                if (text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(token);
            }
        }

        return text.ToString();
    }
}
