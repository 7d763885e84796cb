using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>SiglipTokenizer's own parts: end token, padding to 64, cutting, bad files.</summary>
public sealed class SiglipTokenizerTests(SentencePieceReference reference) : IClassFixture<SentencePieceReference>
{
    [Fact]
    public void EncodeBatch_PadsToContextWithEndId_WhenTextsDiffer()
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath);
        var texts = new[] { "a photo of a cat", "", "A dog running in the park." };

        var batch = tokenizer.EncodeBatch(texts);

        Assert.Equal([3L, 64L], batch.Shape);
        Assert.Equal(1, tokenizer.EndId);
        Assert.Equal(tokenizer.EndId, tokenizer.PadId);
        for (var row = 0; row < texts.Length; row++)
        {
            var ids = tokenizer.Encode(texts[row]);
            var rowIds = batch.InputIds.Span.Slice(row * 64, 64);
            Assert.Equal(tokenizer.EndId, ids[^1]);
            Assert.Equal(ids.Length - 1, batch.EndIndices.Span[row]);
            for (var i = 0; i < 64; i++)
            {
                Assert.Equal(i < ids.Length ? ids[i] : tokenizer.PadId, rowIds[i]);
                Assert.Equal(i < ids.Length ? 1L : 0L, batch.AttentionMask.Span[(row * 64) + i]);
            }
        }
    }

    [Fact]
    public void Encode_EndsWithEndToken_WhenTextIsEmpty()
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath);

        Assert.Equal([tokenizer.EndId], tokenizer.Encode("").ToArray());
    }

    [Fact]
    public void Encode_KeepsEndToken_WhenTextIsLongerThanContext()
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath, contextLength: 6);
        const string text = "the quick brown fox jumps over the lazy dog";

        var ids = tokenizer.Encode(text);

        Assert.Equal(6, ids.Length);
        Assert.Equal(tokenizer.EndId, ids[^1]);
        Assert.Equal(tokenizer.Tokenize(text).Take(5).Select(p => p.Id).ToArray(), ids[..5].ToArray());
    }

    [Fact]
    public void EncodeBatch_PadsWithGivenId_WhenPadIdIsGiven()
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath, padTokenId: 0);

        var batch = tokenizer.EncodeBatch(["cat"]);

        Assert.Equal(0L, batch.InputIds.Span[63]);
    }

    [Fact]
    public void FromFile_Throws_WhenFileIsNotSentencePiece()
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("spiece.model", [0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 0x01]);

        var error = Assert.Throws<InvalidDataException>(() => SiglipTokenizer.FromFile(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void FromFile_Throws_WhenFileIsTruncated()
    {
        using var folder = new TemporaryFolder();
        var bytes = File.ReadAllBytes(reference.ModelPath);
        var path = folder.Write("spiece.model", bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => SiglipTokenizer.FromFile(path));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void FromFile_Throws_WhenFileIsMissing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SiglipTokenizer.FromFile("/nonexistent/spiece.model"));

        Assert.Contains("/nonexistent/spiece.model", error.Message);
    }
}
