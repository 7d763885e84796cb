using System.Collections.Immutable;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class EncodedTextTests
{
    private readonly WordPieceTokenizer _tokenizer = TinyVocabulary.Tokenizer();

    [Fact]
    public void Equals_ComparesContents()
    {
        var first = _tokenizer.Encode("hello world");
        var second = _tokenizer.Encode("hello world");

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, _tokenizer.Encode("hello  world"));
    }

    [Fact]
    public void ToString_ShowsTokensAndIds()
    {
        Assert.Equal("EncodedText { Tokens = [[CLS] hello [SEP]], Ids = [2 5 3] }", _tokenizer.Encode("hello").ToString());
    }

    [Fact]
    public void Constructor_Throws_WhenArraysDifferInLength()
    {
        var error = Assert.Throws<ArgumentException>(() => new EncodedText(
            [1, 2], [0, 0], [1], [(0, 0), (0, 0)], ["a", "b"]));

        Assert.Contains("attention mask 1", error.Message);
    }

    [Fact]
    public void Constructor_Throws_WhenArrayIsDefault()
    {
        Assert.Throws<ArgumentException>(() => new EncodedText(default, [], [], [], []));
    }
}
