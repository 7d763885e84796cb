using System.Text;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class WordPieceVocabularyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("videolang-vocab-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_GivesEachTokenItsLineNumber_ForBertBaseUncased()
    {
        var vocabulary = WordPieceVocabulary.Load(RepositoryPaths.BertBaseUncasedVocabulary);

        Assert.Equal(30522, vocabulary.Count);
        Assert.Equal("[PAD]", vocabulary[0]);
        Assert.True(vocabulary.TryGetId("hello", out var hello));
        Assert.Equal(7592, hello);
        Assert.True(vocabulary.TryGetId("##ing".AsSpan(), out var ing));
        Assert.Equal(2075, ing);
        Assert.False(vocabulary.TryGetId("Hello", out _));
    }

    [Fact]
    public void Load_SkipsByteOrderMark_AndTrimsLines()
    {
        var path = Path.Combine(_directory, "vocab.txt");
        File.WriteAllText(path, "[PAD]\r\n  hello \r\n\r\n##s\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var vocabulary = WordPieceVocabulary.Load(path);

        Assert.Equal(["[PAD]", "hello", "", "##s"], vocabulary.Tokens.ToArray());
    }

    [Fact]
    public void Load_Throws_WhenFileIsMissingOrEmpty()
    {
        var missing = Path.Combine(_directory, "missing.txt");
        Assert.Contains("does not exist", Assert.Throws<FileNotFoundException>(() => WordPieceVocabulary.Load(missing)).Message);

        var empty = Path.Combine(_directory, "empty.txt");
        File.WriteAllText(empty, "");
        Assert.Contains("holds no tokens", Assert.Throws<InvalidDataException>(() => WordPieceVocabulary.Load(empty)).Message);
    }

    [Fact]
    public void Save_WritesOneTokenPerLine_AndLoadReadsItBack()
    {
        var path = Path.Combine(_directory, "vocab.txt");
        var vocabulary = new WordPieceVocabulary(["[PAD]", "café", "##🙂"]);

        vocabulary.Save(path);

        Assert.Equal("[PAD]\ncafé\n##🙂\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(vocabulary.Tokens.ToArray(), WordPieceVocabulary.Load(path).Tokens.ToArray());
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Constructor_Throws_WhenTokenCannotBeALine()
    {
        var error = Assert.Throws<ArgumentException>(() => new WordPieceVocabulary(["a", "b\nc"]));

        Assert.Contains("id 1", error.Message);
        Assert.Throws<ArgumentException>(() => new WordPieceVocabulary(["a "]));
    }

    [Fact]
    public void TryGetId_GivesLaterId_WhenTokenRepeats()
    {
        var vocabulary = new WordPieceVocabulary(["a", "b", "a"]);

        Assert.True(vocabulary.TryGetId("a", out var id));
        Assert.Equal(2, id);
        Assert.Equal("a", vocabulary[0]);
    }

    [Fact]
    public void Indexer_Throws_WhenIdIsOutOfRange()
    {
        var vocabulary = new WordPieceVocabulary(["a"]);

        Assert.Contains("0 to 0", Assert.Throws<ArgumentOutOfRangeException>(() => vocabulary[1]).Message);
    }
}
