using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>The two text-level lower-casings: Python's <c>str.lower()</c> (CLIP) and character by character (SigLIP's HF tokenizer).</summary>
public sealed class LowercasingTests
{
    [Theory]
    [InlineData("ΟΔΟΣ ΣΑΣ", "οδος σας")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    [InlineData("A Photo", "a photo")]
    public void ToLowerText_LowersAsPython_WhenTextHasSpecialCasing(string text, string expected)
    {
        Assert.Equal(expected, Lowercasing.ToLowerText(text));
    }

    [Theory]
    [InlineData("ΟΔΟΣ ΣΑΣ", "οδοσ σασ")]
    [InlineData("İstanbul", "i\u0307stanbul")]
    public void ToLowerEachCharacter_NeverWritesFinalSigma_WhenSigmaEndsWord(string text, string expected)
    {
        Assert.Equal(expected, Lowercasing.ToLowerEachCharacter(text));
    }
}
