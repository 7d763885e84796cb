using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class WordPieceVocabularyBuilderTests : IDisposable
{
    private static readonly string[] s_specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];

    private readonly string _directory = Directory.CreateTempSubdirectory("videolang-builder-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Captions and questions in the manner of the synthetic video generator.</summary>
    private static string[] SyntheticCorpus()
    {
        string[] colours = ["red", "green", "blue", "yellow", "white"];
        string[] shapes = ["circle", "square", "triangle"];
        string[] directions = ["left", "right", "up", "down"];
        var corpus = new List<string>();
        foreach (var colour in colours)
        {
            foreach (var shape in shapes)
            {
                foreach (var direction in directions)
                {
                    corpus.Add($"a {colour} {shape} moves {direction} on a {colours[(Array.IndexOf(colours, colour) + 1) % colours.Length]} background");
                }

                corpus.Add($"what colour is the {shape}?");
                corpus.Add($"Which way does the {colour} {shape} move? It moves {directions[shape.Length % 4]}.");
            }
        }

        corpus.Add("Text overlay reads \"HELLO 42\"; the zebra-striped café quietly jumps!");
        return [.. corpus];
    }

    [Fact]
    public void Build_GivesSpecialsThenWordsByFrequencyThenCharacters()
    {
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(["a red circle", "a blue circle", "A red square?"]);

        var tokens = builder.Build().Tokens.ToArray();

        string[] expected =
        [
            .. s_specialTokens,
            "a", "circle", "red", "?", "blue", "square",
            "b", "c", "d", "e", "i", "l", "q", "r", "s", "u",
            "##?", "##a", "##b", "##c", "##d", "##e", "##i", "##l", "##q", "##r", "##s", "##u",
        ];
        Assert.Equal(expected, tokens);
    }

    [Fact]
    public void Build_LeavesRareWordsToCharacters_WhenBelowMinWordFrequency()
    {
        var builder = new WordPieceVocabularyBuilder { MinWordFrequency = 2 };
        builder.AddRange(["a red circle", "a blue circle", "a red square?"]);

        var tokens = builder.Build().Tokens;

        Assert.Equal(["a", "circle", "red", "?", "b"], tokens.Skip(5).Take(5).ToArray());
        Assert.DoesNotContain("blue", tokens);
    }

    [Fact]
    public void Build_KeepsMostFrequentWords_WhenMaxWordCountIsSet()
    {
        var builder = new WordPieceVocabularyBuilder { MaxWordCount = 2 };
        builder.AddRange(["a red circle", "a blue circle", "a red square?"]);

        Assert.Equal(["a", "circle", "?", "b"], builder.Build().Tokens.Skip(5).Take(4).ToArray());
    }

    [Fact]
    public void Build_EncodesItsCorpusWithoutUnknown()
    {
        var corpus = SyntheticCorpus();
        var builder = new WordPieceVocabularyBuilder { MinWordFrequency = 3 };
        builder.AddRange(corpus);
        var tokenizer = new WordPieceTokenizer(builder.Build());

        Assert.Equal((0, 1, 2, 3, 4), (tokenizer.PadId, tokenizer.UnkId, tokenizer.ClsId, tokenizer.SepId, tokenizer.MaskId));
        foreach (var text in corpus)
        {
            var encoded = tokenizer.Encode(text);
            Assert.DoesNotContain(tokenizer.UnkId, encoded.Ids);
        }

        // Frequent words are whole; rare ones are spelled from characters.
        Assert.Equal(["[CLS]", "a", "red", "circle", "moves", "left", "[SEP]"], tokenizer.Encode("a red circle moves left").Tokens.ToArray());
        Assert.Equal(["[CLS]", "z", "##e", "##b", "##r", "##a", "[SEP]"], tokenizer.Encode("zebra").Tokens.ToArray());
    }

    [Fact]
    public void Build_EncodesNewTextInCorpusAlphabetWithoutUnknown()
    {
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(SyntheticCorpus());
        var tokenizer = new WordPieceTokenizer(builder.Build());

        var encoded = tokenizer.Encode("Does the yellow triangle overtake the circle? 24 times!");

        Assert.DoesNotContain(tokenizer.UnkId, encoded.Ids);
        Assert.Equal("does the yellow triangle overtake the circle ? 24 times !", tokenizer.Decode(encoded.Ids));
        Assert.Equal(tokenizer.UnkId, tokenizer.Encode("the circle is purple €").Ids[^2]);
    }

    [Fact]
    public void Build_AddsWholeCodePoints_ForEmoji()
    {
        var builder = new WordPieceVocabularyBuilder();
        builder.Add("I like 🙂");
        var tokenizer = new WordPieceTokenizer(builder.Build());

        var encoded = tokenizer.Encode("🙂🙂 like");

        Assert.Equal(["[CLS]", "🙂", "##🙂", "like", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([(0, 0), (0, 2), (2, 4), (5, 9), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Build_GivesSameIds_WhateverOrderTextsAreAddedIn()
    {
        var corpus = SyntheticCorpus();
        var forward = new WordPieceVocabularyBuilder { MinWordFrequency = 2 };
        forward.AddRange(corpus);
        var backward = new WordPieceVocabularyBuilder { MinWordFrequency = 2 };
        backward.AddRange(corpus.Reverse());

        var forwardPath = Path.Combine(_directory, "forward.txt");
        var backwardPath = Path.Combine(_directory, "backward.txt");
        forward.Build().Save(forwardPath);
        backward.Build().Save(backwardPath);

        Assert.Equal(File.ReadAllBytes(forwardPath), File.ReadAllBytes(backwardPath));
    }

    [Fact]
    public void Build_SavedAndLoaded_EncodesAsBefore()
    {
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(SyntheticCorpus());
        var vocabulary = builder.Build();
        var path = Path.Combine(_directory, "vocab.txt");

        vocabulary.Save(path);
        var loaded = WordPieceTokenizer.FromVocabularyFile(path);

        Assert.Equal(vocabulary.Tokens.ToArray(), loaded.Vocabulary.Tokens.ToArray());
        foreach (var text in SyntheticCorpus())
        {
            Assert.Equal(new WordPieceTokenizer(vocabulary).Encode(text), loaded.Encode(text));
        }
    }

    [Fact]
    public void Build_SkipsSpecialTokensWrittenInText_AndWordsTooLongToMatch()
    {
        var builder = new WordPieceVocabularyBuilder(new WordPieceOptions { MaxInputCharsPerWord = 5 });
        builder.Add("[MASK] short toolong");

        var tokens = builder.Build().Tokens;

        Assert.Equal(["short", "g", "h"], tokens.Skip(5).Take(3).ToArray());
        Assert.DoesNotContain("toolong", tokens);
        Assert.DoesNotContain("mask", tokens);
    }

    [Fact]
    public void Build_KeepsCase_WhenLowerCaseIsOff()
    {
        var builder = new WordPieceVocabularyBuilder(new WordPieceOptions { LowerCase = false });
        builder.Add("Red red");

        Assert.Equal(["Red", "red", "R", "d", "e", "r"], builder.Build().Tokens.Skip(5).Take(6).ToArray());
    }

    [Fact]
    public void MinWordFrequency_Throws_WhenBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WordPieceVocabularyBuilder { MinWordFrequency = 0 });
    }
}
