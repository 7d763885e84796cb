using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class WordPieceTokenizerPaddingTests
{
    private readonly WordPieceTokenizer _tokenizer = TinyVocabulary.Tokenizer();

    [Fact]
    public void Pad_AppendsPadTokensWithZeroMask()
    {
        var padded = _tokenizer.Pad(_tokenizer.Encode("hello"), 6);

        Assert.Equal([2, 5, 3, 0, 0, 0], padded.Ids.ToArray());
        Assert.Equal([1, 1, 1, 0, 0, 0], padded.AttentionMask.ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0], padded.TypeIds.ToArray());
        Assert.Equal([(0, 0), (0, 5), (0, 0), (0, 0), (0, 0), (0, 0)], padded.Offsets.ToArray());
        Assert.Equal(["[CLS]", "hello", "[SEP]", "[PAD]", "[PAD]", "[PAD]"], padded.Tokens.ToArray());
    }

    [Fact]
    public void Pad_ReturnsEqualEncoding_WhenAlreadyThatLong()
    {
        var encoded = _tokenizer.Encode("hello");

        Assert.Equal(encoded, _tokenizer.Pad(encoded, 3));
    }

    [Fact]
    public void Pad_Throws_WhenLengthIsShorterThanEncoding()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Pad(_tokenizer.Encode("hello world"), 3));

        Assert.Contains("already has 4 tokens", error.Message);
    }

    [Fact]
    public void EncodeBatch_PadsToLongest_RowMajor()
    {
        var batch = _tokenizer.EncodeBatch(["hello", "how are you", ""]);

        Assert.Equal([3L, 5L], batch.Shape);
        Assert.Equal(
            [2L, 5, 3, 0, 0,
             2, 7, 8, 9, 3,
             2, 3, 0, 0, 0],
            batch.InputIds.ToArray());
        Assert.Equal(
            [1L, 1, 1, 0, 0,
             1, 1, 1, 1, 1,
             1, 1, 0, 0, 0],
            batch.AttentionMask.ToArray());
        Assert.All(batch.TokenTypeIds.ToArray(), typeId => Assert.Equal(0L, typeId));
        Assert.Equal(3, batch.Items[0].Length);
    }

    [Fact]
    public void PadBatch_KeepsTypeIdsOfPairs_AndPadsToGivenLength()
    {
        var batch = _tokenizer.PadBatch([_tokenizer.EncodePair("hello", "world"), _tokenizer.Encode("you")], length: 6);

        Assert.Equal([2L, 6L], batch.Shape);
        Assert.Equal([2L, 5, 3, 6, 3, 0, 2, 9, 3, 0, 0, 0], batch.InputIds.ToArray());
        Assert.Equal([0L, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0], batch.TokenTypeIds.ToArray());
        Assert.Equal([1L, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0], batch.AttentionMask.ToArray());
    }

    [Fact]
    public void PadBatch_Throws_WhenLengthIsShorterThanLongest()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => _tokenizer.PadBatch([_tokenizer.Encode("hello world how")], length: 4));

        Assert.Contains("longest encoding has 5 tokens", error.Message);
    }

    [Fact]
    public void EncodeBatch_GivesEmptyBatch_WhenNoTexts()
    {
        var batch = _tokenizer.EncodeBatch([]);

        Assert.Equal([0L, 0L], batch.Shape);
        Assert.True(batch.InputIds.IsEmpty);
    }

    [Fact]
    public void EncodeBatch_TruncatesEachText_WhenMaxLengthGiven()
    {
        var batch = _tokenizer.EncodeBatch(["hello world how are you", "hello"], maxLength: 4);

        Assert.Equal([2L, 4L], batch.Shape);
        Assert.Equal([2L, 5, 6, 3, 2, 5, 3, 0], batch.InputIds.ToArray());
    }
}
