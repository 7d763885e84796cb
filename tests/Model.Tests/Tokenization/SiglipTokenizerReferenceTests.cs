using System.Text.Json;
using Microsoft.ML.Tokenizers;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// SiglipTokenizer against python3-sentencepiece under HF SiglipTokenizer's steps, on a Unigram
/// model the run trains with spm_train: exact ids and the padded row on every hard string.
/// </summary>
public sealed class SiglipTokenizerReferenceTests(SentencePieceReference reference) : IClassFixture<SentencePieceReference>
{
    public static TheoryData<int, string> Cases()
    {
        var strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(RepositoryPaths.HardStrings))!;
        var data = new TheoryData<int, string>();
        for (var i = 0; i < strings.Length; i++)
        {
            data.Add(i, JsonSerializer.Serialize(strings[i].Length > 40 ? strings[i][..40] : strings[i]));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenize_GivesSentencePieceIds_OnHardString(int index, string _)
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath);

        var ids = tokenizer.Tokenize(reference.Strings[index]).Select(p => p.Id).ToArray();

        Assert.Equal(reference.Cases[index].Ids, ids);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeBatch_GivesHfPaddedRow_OnHardString(int index, string _)
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath);

        var batch = tokenizer.EncodeBatch([reference.Strings[index]]);

        Assert.Equal(reference.Cases[index].Padded, batch.InputIds.ToArray().Select(id => (int)id).ToArray());
        Assert.Equal(tokenizer.EndId, batch.InputIds.Span[(int)batch.EndIndices.Span[0]]);
    }

    [Fact]
    public void Reference_CoversUnknownsAndLongText()
    {
        var tokenizer = SiglipTokenizer.FromFile(reference.ModelPath);

        Assert.Contains(reference.Cases, c => c.Ids.Contains(tokenizer.UnknownId));
        Assert.Contains(reference.Cases, c => c.Ids.Length >= SiglipTokenizer.DefaultContextLength);
    }

    /// <summary>
    /// Why SiglipTokenizer does not use Microsoft.ML.Tokenizers 3.0.0's SentencePieceTokenizer: it
    /// cannot load a model laid out as SigLIP's (no BOS piece, bos_id -1). If this starts to pass
    /// without throwing, the package has changed: compare it with the reference again.
    /// </summary>
    [Fact]
    public void PackageSentencePieceTokenizer_Throws_WhenModelHasNoBosPiece()
    {
        using var stream = File.OpenRead(reference.ModelPath);

        Assert.Throws<IndexOutOfRangeException>(() => SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false));
    }
}
