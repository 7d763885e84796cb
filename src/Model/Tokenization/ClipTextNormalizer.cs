using System.Text;
using Microsoft.ML.Tokenizers;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// CLIP's text clean-up, as HuggingFace's CLIPTokenizerFast writes it in tokenizer.json: NFC,
/// every run of whitespace to one space, lower case. Handed to the package's BPE tokenizer.
/// </summary>
/// <remarks>
/// OpenAI's and open_clip's tokenizers (and HF's slow CLIPTokenizer when ftfy is installed) also
/// run <c>ftfy.fix_text</c> and <c>html.unescape</c> first. ftfy is not available to .NET, so,
/// like CLIPTokenizerFast, we do neither: text with mojibake ("cafÃ©"), HTML entities
/// ("&amp;amp;"), curly quotes, ligatures (ﬁ) or full-width forms (ＡＢＣ) gets other ids than
/// open_clip gives it (ftfy would repair, straighten or fold those first).
/// Lower-casing is Python's and JavaScript's <c>lower()</c> over the whole text (İ becomes
/// "i̇", a word-final Σ becomes ς), as open_clip, the slow tokenizer and transformers.js do;
/// .NET's invariant lower-casing gets both wrong. HF's Rust tokenizer lower-cases character by
/// character and so writes σ for a word-final Σ: only there do we differ from it.
/// </remarks>
internal sealed class ClipTextNormalizer : Normalizer
{
    public static ClipTextNormalizer Instance { get; } = new();

    public override string Normalize(string original)
    {
        ArgumentNullException.ThrowIfNull(original);
        return Normalize(original.AsSpan());
    }

    public override string Normalize(ReadOnlySpan<char> original)
    {
        var composed = original.ToString().Normalize(NormalizationForm.FormC);
        var collapsed = new StringBuilder(composed.Length);
        var inWhitespace = false;
        foreach (var c in composed)
        {
            // char.IsWhiteSpace is Unicode's White_Space, which is what the Rust regex \s of
            // tokenizer.json matches.
            if (char.IsWhiteSpace(c))
            {
                if (!inWhitespace)
                {
                    collapsed.Append(' ');
                }

                inWhitespace = true;
                continue;
            }

            inWhitespace = false;
            collapsed.Append(c);
        }

        return Lowercasing.ToLowerText(collapsed.ToString());
    }
}
