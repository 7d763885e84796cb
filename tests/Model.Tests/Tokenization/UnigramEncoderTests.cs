using Microsoft.ML.Tokenizers;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// Our Unigram code and Microsoft.ML.Tokenizers 3.0.0's SentencePieceTokenizer against
/// sentencepiece itself (python3-sentencepiece, the model's own normalizer spec, dummy prefix on)
/// on a model the package can load (one with a BOS piece).
/// </summary>
public sealed class UnigramEncoderTests(SentencePieceReference reference) : IClassFixture<SentencePieceReference>
{
    [Fact]
    public void Encode_GivesSentencePieceIds_OnEveryHardString()
    {
        var model = SentencePieceModel.Load(reference.BosModelPath);
        var normalization = new SentencePieceNormalization(model, reference.BosModelPath, model.AddDummyPrefix);
        var encoder = new UnigramEncoder(model, reference.BosModelPath);

        for (var i = 0; i < reference.Strings.Length; i++)
        {
            var ids = encoder.Encode(normalization.Normalize(reference.Strings[i])).Select(p => p.Id).ToArray();
            Assert.True(reference.PlainBosModelIds[i].SequenceEqual(ids), $"string {i}: sentencepiece [{string.Join(' ', reference.PlainBosModelIds[i])}], ours [{string.Join(' ', ids)}]");
        }
    }

    /// <summary>
    /// The cases where the package is wrong, written down as a test: if it starts to agree with
    /// sentencepiece, reconsider using it for SigLIP.
    /// </summary>
    [Theory]
    [InlineData("bell\u0007char")] // nmt_nfkc deletes control characters (a rule with an empty replacement); the package keeps them as <unk>
    [InlineData("\uD83D\uDC31\uD83D\uDC36\uD83D\uDC4D")] // sentencepiece gives one <unk> for the run, the package one per character
    public void PackageSentencePieceTokenizer_DiffersFromSentencePiece_OnDeletionsAndUnknownRuns(string text)
    {
        using var stream = File.OpenRead(reference.BosModelPath);
        var package = SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);

        var packageIds = package.EncodeToIds(text).ToArray();

        Assert.NotEqual(Ours(text, addDummyPrefix: true), packageIds);
    }

    /// <summary>
    /// HF turns SigLIP's dummy prefix off by merging a NormalizerSpec into the model (protobuf
    /// MergeFrom); the same merge written into the file (a second normalizer_spec field, which
    /// protobuf merges) makes the package drop the precompiled_charsmap instead, so "e" + U+0301
    /// stays two pieces and "ﬁ" becomes the unknown piece.
    /// </summary>
    [Fact]
    public void PackageSentencePieceTokenizer_LosesCharsMap_WhenDummyPrefixIsTurnedOffAsHfDoes()
    {
        const string text = "decomposed e\u0301 \uFB01sh";
        byte[] turnOffDummyPrefix = [0x1A, 0x02, 0x18, 0x00]; // field 3 (normalizer_spec) { field 3 (add_dummy_prefix) = false }
        var package = SentencePieceTokenizer.Create(new MemoryStream([.. File.ReadAllBytes(reference.BosModelPath), .. turnOffDummyPrefix]), false, false);
        var merged = SentencePieceModel.Parse([.. File.ReadAllBytes(reference.BosModelPath), .. turnOffDummyPrefix], reference.BosModelPath);

        var packageIds = package.EncodeToIds(text).ToArray();

        Assert.False(merged.AddDummyPrefix);
        Assert.False(merged.PrecompiledCharsMap.IsEmpty);
        Assert.Equal(Ours(text, addDummyPrefix: false), Ours(merged, text));
        Assert.NotEqual(Ours(text, addDummyPrefix: false), packageIds);
    }

    private int[] Ours(string text, bool addDummyPrefix)
    {
        var model = SentencePieceModel.Load(reference.BosModelPath);
        return [.. new UnigramEncoder(model, reference.BosModelPath)
            .Encode(new SentencePieceNormalization(model, reference.BosModelPath, addDummyPrefix).Normalize(text))
            .Select(p => p.Id)];
    }

    private int[] Ours(SentencePieceModel model, string text) =>
        [.. new UnigramEncoder(model, reference.BosModelPath)
            .Encode(new SentencePieceNormalization(model, reference.BosModelPath, model.AddDummyPrefix).Normalize(text))
            .Select(p => p.Id)];
}
