using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>ClipBpeTokenizer's own parts on the tiny vocabulary: special ids, padding choices, batches, bad files.</summary>
public sealed class ClipBpeTokenizerTests
{
    private static ClipBpeTokenizer Tokenizer(int? padTokenId = null, int contextLength = 77) =>
        ClipBpeTokenizer.FromFiles(ClipReference.VocabularyPath, ClipReference.MergesPath, contextLength, padTokenId);

    [Fact]
    public void Encode_StartsAndEndsWithSpecialTokens_WhenTextIsEmpty()
    {
        var tokenizer = Tokenizer();

        Assert.Equal([tokenizer.StartId, tokenizer.EndId], tokenizer.Encode("").ToArray());
        Assert.Equal(784, tokenizer.StartId);
        Assert.Equal(785, tokenizer.EndId);
    }

    [Fact]
    public void EncodeBatch_PadsWithZeroAndMarksEnds_WhenPadIdIsOpenClips()
    {
        var tokenizer = Tokenizer(padTokenId: 0);
        var texts = new[] { "a photo of a cat", "", "a dog" };

        var batch = tokenizer.EncodeBatch(texts);

        Assert.Equal([3L, 77L], batch.Shape);
        for (var row = 0; row < texts.Length; row++)
        {
            var ids = tokenizer.Encode(texts[row]);
            var rowIds = batch.InputIds.Span.Slice(row * 77, 77);
            var rowMask = batch.AttentionMask.Span.Slice(row * 77, 77);
            Assert.Equal(ids.Length - 1, batch.EndIndices.Span[row]);
            Assert.Equal(tokenizer.EndId, rowIds[(int)batch.EndIndices.Span[row]]);
            for (var i = 0; i < 77; i++)
            {
                Assert.Equal(i < ids.Length ? ids[i] : 0L, rowIds[i]);
                Assert.Equal(i < ids.Length ? 1L : 0L, rowMask[i]);
            }
        }
    }

    [Fact]
    public void Encode_KeepsEndToken_WhenTextIsLongerThanContext()
    {
        var tokenizer = Tokenizer(contextLength: 8);

        var ids = tokenizer.Encode("the quick brown fox jumps over the lazy dog while the cat sleeps");

        Assert.Equal(8, ids.Length);
        Assert.Equal(tokenizer.StartId, ids[0]);
        Assert.Equal(tokenizer.EndId, ids[^1]);
        Assert.Equal(Tokenizer().Encode("the quick brown fox jumps over the lazy dog while the cat sleeps")[..7].ToArray(), ids[..7].ToArray());
    }

    [Fact]
    public void Encode_MapsSpecialTokensWrittenInText_WhenUpperCase()
    {
        var tokenizer = Tokenizer();

        var ids = tokenizer.Encode("a <|ENDOFTEXT|> b");

        Assert.Equal(tokenizer.EndId, ids[2]);
    }

    [Fact]
    public void FromFiles_Throws_WhenVocabularyLacksSpecialTokens()
    {
        using var folder = new TemporaryFolder();
        var vocabulary = folder.Write("vocab.json", "{\"a</w>\": 0, \"a\": 1}");
        var merges = folder.Write("merges.txt", "#version: 0.2\n");

        var error = Assert.Throws<InvalidDataException>(() => ClipBpeTokenizer.FromFiles(vocabulary, merges));

        Assert.Contains(vocabulary, error.Message);
        Assert.Contains("<|startoftext|>", error.Message);
    }

    [Fact]
    public void FromFiles_Throws_WhenVocabularyIsNotJson()
    {
        using var folder = new TemporaryFolder();
        var vocabulary = folder.Write("vocab.json", "not json");

        var error = Assert.Throws<InvalidDataException>(() => ClipBpeTokenizer.FromFiles(vocabulary, ClipReference.MergesPath));

        Assert.Contains(vocabulary, error.Message);
    }

    [Fact]
    public void FromFiles_Throws_WhenMergeLineIsMalformed()
    {
        using var folder = new TemporaryFolder();
        var merges = folder.Write("merges.txt", "#version: 0.2\nt h\nthree symbols here\n");

        var error = Assert.Throws<InvalidDataException>(() => ClipBpeTokenizer.FromFiles(ClipReference.VocabularyPath, merges));

        Assert.Contains($"{merges} line 3", error.Message);
    }

    [Fact]
    public void FromFiles_Throws_WhenFileIsMissing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ClipBpeTokenizer.FromFiles("/nonexistent/vocab.json", ClipReference.MergesPath));

        Assert.Contains("/nonexistent/vocab.json", error.Message);
    }

    [Fact]
    public void FromFiles_Throws_WhenPadIdIsNotInVocabulary()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tokenizer(padTokenId: 100_000));
    }
}
