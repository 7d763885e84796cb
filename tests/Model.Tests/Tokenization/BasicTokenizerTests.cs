using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class BasicTokenizerTests
{
    private static (string Text, (int Start, int End) Span)[] Words(string text, bool lowerCase = true, bool? stripAccents = null)
    {
        var words = new List<PreToken>();
        new BasicTokenizer(lowerCase, stripAccents ?? lowerCase).Tokenize(text, 0, text.Length, words);
        return [.. words.Select(w => (w.Text, w.SourceSpan(0, w.Text.Length)))];
    }

    private static string[] Texts(string text, bool lowerCase = true, bool? stripAccents = null) =>
        [.. Words(text, lowerCase, stripAccents).Select(w => w.Text)];

    [Fact]
    public void Tokenize_SplitsWhitespaceAndPunctuation_WithOffsets()
    {
        var words = Words("  What colour?\tIt's\u00a0RED. ");

        Assert.Equal(
            [("what", (2, 6)), ("colour", (7, 13)), ("?", (13, 14)), ("it", (15, 17)), ("'", (17, 18)),
             ("s", (18, 19)), ("red", (20, 23)), (".", (23, 24))],
            words);
    }

    [Fact]
    public void Tokenize_CountsAsciiSymbolsAsPunctuation()
    {
        Assert.Equal(["a", "$", "b", "^", "c", "`", "d", "+", "e", "~"], Texts("a$b^c`d+e~"));
    }

    [Fact]
    public void Tokenize_SplitsUnicodePunctuation_ButNotSymbols()
    {
        Assert.Equal(["«", "hi", "»", "—", "ok", "…", "x≈y", "€5"], Texts("«hi»—ok… x≈y €5"));
    }

    [Fact]
    public void Tokenize_DropsControlFormatAndPrivateUseCharacters()
    {
        Assert.Equal(["abcdefg"], Texts("a\u0000b\u0007c\u200bd\ufeffe\ue000f\ufffdg"));
    }

    [Fact]
    public void Tokenize_DropsUnpairedSurrogate()
    {
        Assert.Equal([("ab", (0, 3))], Words("a\ud800b"));
    }

    [Fact]
    public void Tokenize_SplitsAtLineAndParagraphSeparators()
    {
        Assert.Equal(["one", "two", "three"], Texts("one\u2028two\u2029three"));
    }

    [Fact]
    public void Tokenize_MakesCjkIdeographsWords_ButNotKana()
    {
        Assert.Equal(["日", "本", "語", "のテキスト"], Texts("日本語のテキスト"));
        Assert.Equal([("x", (0, 1)), ("\U00020000", (1, 3)), ("y", (3, 4))], Words("x\U00020000y"));
    }

    [Fact]
    public void Tokenize_StripsAccents_ThroughNfd()
    {
        Assert.Equal(["cafe", "naive", "angstrom", "ø"], Texts("Café naïve Ångström Ø"));
    }

    [Fact]
    public void Tokenize_SplitsPunctuationThatAppearsOnlyAfterNfd()
    {
        // U+1FEF GREEK VARIA decomposes to "`", which BERT counts as punctuation.
        Assert.Equal([("a", (0, 1)), ("`", (1, 2)), ("b", (2, 3))], Words("a\u1fefb"));
    }

    [Fact]
    public void Tokenize_LowerCasesCapitalIWithDot_AsPython()
    {
        Assert.Equal([("istanbul", (0, 8))], Words("İstanbul"));
        Assert.Equal(["i\u0307stanbul"], Texts("İstanbul", stripAccents: false));
    }

    [Fact]
    public void Tokenize_UsesFinalSigma_AtEndOfWord()
    {
        Assert.Equal(["οδος", "σ", "ας", "'", "σ", ".", "ς"], Texts("ΟΔΟΣ Σ ΑΣ' Σ.Σ"));
    }

    [Fact]
    public void Tokenize_KeepsCaseAndAccents_WhenCased()
    {
        Assert.Equal(["Café", "Σ"], Texts("Café Σ", lowerCase: false));
    }

    [Fact]
    public void Tokenize_GivesOffsetsOfOriginal_WhenDecomposedAccentIsDropped()
    {
        Assert.Equal([("cafe", (0, 4))], Words("cafe\u0301"));
    }
}
