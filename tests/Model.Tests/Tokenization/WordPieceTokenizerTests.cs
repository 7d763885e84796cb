using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

public sealed class WordPieceTokenizerTests
{
    private readonly WordPieceTokenizer _tokenizer = TinyVocabulary.Tokenizer();

    [Fact]
    public void Encode_GivesIdsOffsetsAndTokens_ForPunctuatedText()
    {
        var encoded = _tokenizer.Encode("Hello, World!");

        Assert.Equal([2, 5, 12, 6, 10, 3], encoded.Ids.ToArray());
        Assert.Equal(["[CLS]", "hello", ",", "world", "!", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([(0, 0), (0, 5), (5, 6), (7, 12), (12, 13), (0, 0)], encoded.Offsets.ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0], encoded.TypeIds.ToArray());
        Assert.Equal([1, 1, 1, 1, 1, 1], encoded.AttentionMask.ToArray());
    }

    [Fact]
    public void Encode_SplitsLongestMatchFirst_WithContinuationPieces()
    {
        var encoded = _tokenizer.Encode("unaffable playing circles");

        Assert.Equal(["[CLS]", "un", "##aff", "##able", "play", "##ing", "circle", "##s", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([2, 16, 17, 18, 13, 14, 21, 22, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 2), (2, 5), (5, 9), (10, 14), (14, 17), (18, 24), (24, 25), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_GivesOneUnknownForWholeWord_WhenAPieceHasNoMatch()
    {
        // "play" matches but "##x" does not: the whole word is [UNK], not "play" + [UNK].
        var encoded = _tokenizer.Encode("hello playx xyz");

        Assert.Equal([2, 5, 1, 1, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (6, 11), (12, 15), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_GivesUnknown_WhenWordIsLongerThanMaxInputCharsPerWord()
    {
        var tokenizer = TinyVocabulary.Tokenizer(new WordPieceOptions { MaxInputCharsPerWord = 5 });

        var encoded = tokenizer.Encode("hello playing");

        Assert.Equal([2, 5, 1, 3], encoded.Ids.ToArray());
        Assert.Equal((6, 13), encoded.Offsets[2]);
    }

    [Fact]
    public void Encode_CountsCodePoints_ForMaxInputCharsPerWord()
    {
        // "😀😀" is 4 UTF-16 chars but 2 code points, as Python counts it.
        var vocabulary = new WordPieceVocabulary([.. TinyVocabulary.Tokens, "😀", "##😀"]);
        var tokenizer = new WordPieceTokenizer(vocabulary, new WordPieceOptions { MaxInputCharsPerWord = 2 });

        var encoded = tokenizer.Encode("😀😀");

        Assert.Equal(["[CLS]", "😀", "##😀", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([(0, 0), (0, 2), (2, 4), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_GivesUtf16Offsets_AroundEmoji()
    {
        var encoded = _tokenizer.Encode("hello 🙂 world");

        Assert.Equal([2, 5, 1, 6, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (6, 8), (9, 14), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_MakesEachCjkIdeographAWord()
    {
        var encoded = _tokenizer.Encode("hello中world");

        Assert.Equal([2, 5, 24, 6, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (5, 6), (6, 11), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_StripsAccents_AndKeepsOffsetsOfOriginal()
    {
        var encoded = _tokenizer.Encode("Café cafe\u0301.");

        Assert.Equal([2, 23, 23, 25, 3], encoded.Ids.ToArray());
        // The dropped combining accent (index 9) belongs to no token.
        Assert.Equal([(0, 0), (0, 4), (5, 9), (10, 11), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_DropsControlCharacters_InsideWords()
    {
        var encoded = _tokenizer.Encode("hel\u0000lo\u200b wor\u0007ld\ufffd");

        Assert.Equal([2, 5, 6, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 6), (8, 14), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_KeepsSpecialTokensWhole_WhenTextContainsThem()
    {
        var encoded = _tokenizer.Encode("hello [MASK] world[SEP]");

        Assert.Equal([2, 5, 4, 6, 3, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (6, 12), (13, 18), (18, 23), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_SplitsSpecialTokenText_WhenSplitOnSpecialTokensIsOff()
    {
        var tokenizer = TinyVocabulary.Tokenizer(new WordPieceOptions { SplitOnSpecialTokens = false });

        var encoded = tokenizer.Encode("a [MASK]");

        Assert.Equal(["[CLS]", "a", "[", "[UNK]", "]", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([(0, 0), (0, 1), (2, 3), (3, 7), (7, 8), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_MatchesSpecialTokensCaseSensitively()
    {
        var encoded = _tokenizer.Encode("[mask]");

        Assert.Equal(["[CLS]", "[", "[UNK]", "]", "[SEP]"], encoded.Tokens.ToArray());
    }

    [Fact]
    public void Encode_KeepsCaseAndAccents_WhenLowerCaseIsOff()
    {
        var tokenizer = TinyVocabulary.Tokenizer(new WordPieceOptions { LowerCase = false });

        Assert.Equal([2, 1, 5, 1, 3], tokenizer.Encode("Hello hello café").Ids.ToArray());
    }

    [Fact]
    public void Encode_StripsAccentsWithoutLowerCasing_WhenStripAccentsIsOn()
    {
        var tokenizer = TinyVocabulary.Tokenizer(new WordPieceOptions { LowerCase = false, StripAccents = true });

        Assert.Equal([2, 1, 23, 3], tokenizer.Encode("Café café").Ids.ToArray());
    }

    [Fact]
    public void Encode_GivesOnlyClsAndSep_WhenTextIsEmptyOrBlank()
    {
        Assert.Equal([2, 3], _tokenizer.Encode("").Ids.ToArray());
        Assert.Equal([2, 3], _tokenizer.Encode(" \t\r\n\u00a0\u2028").Ids.ToArray());
    }

    [Fact]
    public void Encode_CutsAtEnd_WhenLongerThanMaxLength()
    {
        var encoded = _tokenizer.Encode("hello world how are you", maxLength: 4);

        Assert.Equal([2, 5, 6, 3], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (6, 11), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void Encode_CanCutWordBetweenPieces_WhenMaxLengthFallsInside()
    {
        var encoded = _tokenizer.Encode("unaffable", maxLength: 4);

        Assert.Equal(["[CLS]", "un", "##aff", "[SEP]"], encoded.Tokens.ToArray());
    }

    [Fact]
    public void Encode_KeepsEverything_WhenShorterThanMaxLength()
    {
        Assert.Equal(_tokenizer.Encode("hello world"), _tokenizer.Encode("hello world", maxLength: 512));
    }

    [Fact]
    public void Encode_Throws_WhenMaxLengthCannotHoldClsAndSep()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Encode("hello", maxLength: 1));

        Assert.Contains("at least 2", error.Message);
    }

    [Fact]
    public void EncodePair_GivesTypeIdsAndOffsetsIntoEachText()
    {
        var encoded = _tokenizer.EncodePair("how are you?", "hello world");

        Assert.Equal([2, 7, 8, 9, 11, 3, 5, 6, 3], encoded.Ids.ToArray());
        Assert.Equal([0, 0, 0, 0, 0, 0, 1, 1, 1], encoded.TypeIds.ToArray());
        Assert.Equal([(0, 0), (0, 3), (4, 7), (8, 11), (11, 12), (0, 0), (0, 5), (6, 11), (0, 0)], encoded.Offsets.ToArray());
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 1], encoded.AttentionMask.ToArray());
    }

    [Fact]
    public void EncodePair_CutsLongerSequenceFirst_WhenLongerThanMaxLength()
    {
        // 5 + 1 tokens into 6 - 3 = 3 places: the first sequence, always the longer, loses three.
        var encoded = _tokenizer.EncodePair("how are you ? hello", "world", maxLength: 6);

        Assert.Equal(["[CLS]", "how", "are", "[SEP]", "world", "[SEP]"], encoded.Tokens.ToArray());
        Assert.Equal([0, 0, 0, 0, 1, 1], encoded.TypeIds.ToArray());
    }

    [Fact]
    public void EncodePair_CutsSecondSequence_WhenBothAreAsLong()
    {
        var encoded = _tokenizer.EncodePair("hello world", "how are", maxLength: 6);

        Assert.Equal(["[CLS]", "hello", "world", "[SEP]", "how", "[SEP]"], encoded.Tokens.ToArray());
    }

    [Fact]
    public void EncodePair_CanEmptyBothSequences_WhenMaxLengthIsThree()
    {
        Assert.Equal([2, 3, 3], _tokenizer.EncodePair("hello", "world", maxLength: 3).Ids.ToArray());
    }

    [Fact]
    public void EncodePair_Throws_WhenMaxLengthCannotHoldSpecialTokens()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.EncodePair("a", "b", maxLength: 2));
    }

    [Fact]
    public void Decode_GluesContinuationPieces_AndSkipsSpecialTokens()
    {
        int[] ids = [2, 16, 17, 18, 13, 14, 12, 21, 22, 3, 0, 0];

        Assert.Equal("unaffable playing , circles", _tokenizer.Decode(ids));
        Assert.Equal("[CLS] unaffable playing , circles [SEP] [PAD] [PAD]", _tokenizer.Decode(ids, skipSpecialTokens: false));
    }

    [Fact]
    public void Decode_InvertsEncode_ForNormalizedText()
    {
        const string text = "how are you ? hello world , a red circle";

        Assert.Equal(text, _tokenizer.Decode(_tokenizer.Encode(text).Ids));
    }

    [Fact]
    public void Decode_Throws_WhenIdIsOutsideVocabulary()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _tokenizer.Decode([5, 28]));

        Assert.Contains("0 to 27", error.Message);
    }

    [Fact]
    public void Constructor_Throws_WhenVocabularyLacksSpecialToken()
    {
        var vocabulary = new WordPieceVocabulary(TinyVocabulary.Tokens.Where(t => t != "[CLS]"));

        var error = Assert.Throws<ArgumentException>(() => new WordPieceTokenizer(vocabulary));

        Assert.Contains("ClassificationToken", error.Message);
    }

    [Fact]
    public void Constructor_UsesConfiguredSpecialTokens()
    {
        var vocabulary = new WordPieceVocabulary(["<pad>", "<unk>", "<s>", "</s>", "<mask>", "hello"]);
        var options = new WordPieceOptions
        {
            PaddingToken = "<pad>",
            UnknownToken = "<unk>",
            ClassificationToken = "<s>",
            SeparatorToken = "</s>",
            MaskingToken = "<mask>",
        };

        var encoded = new WordPieceTokenizer(vocabulary, options).Encode("hello <mask> there");

        Assert.Equal(["<s>", "hello", "<mask>", "<unk>", "</s>"], encoded.Tokens.ToArray());
    }

    [Fact]
    public void Constructor_Throws_WhenOptionsAreInvalid()
    {
        var vocabulary = new WordPieceVocabulary(TinyVocabulary.Tokens);

        Assert.Contains("MaxInputCharsPerWord", Assert.Throws<ArgumentException>(
            () => new WordPieceTokenizer(vocabulary, new WordPieceOptions { MaxInputCharsPerWord = 0 })).Message);
        Assert.Contains("differ", Assert.Throws<ArgumentException>(
            () => new WordPieceTokenizer(vocabulary, new WordPieceOptions { MaskingToken = "[UNK]" })).Message);
        Assert.Contains("ContinuingSubwordPrefix", Assert.Throws<ArgumentException>(
            () => new WordPieceTokenizer(vocabulary, new WordPieceOptions { ContinuingSubwordPrefix = "" })).Message);
    }

    [Fact]
    public void Encode_GivesSameResult_FromManyThreads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"hello world {i} unaffable playing, circles?").ToArray();
        var expected = texts.Select(t => _tokenizer.Encode(t)).ToArray();

        var actual = texts.AsParallel().AsOrdered().Select(t => _tokenizer.Encode(t)).ToArray();

        Assert.Equal(expected, actual);
    }
}
