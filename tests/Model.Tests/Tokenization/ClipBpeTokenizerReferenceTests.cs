using System.Text.Json;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// ClipBpeTokenizer (Microsoft.ML.Tokenizers' BPE under our clean-up) against transformers.js's
/// CLIPTokenizer on the checked-in tiny vocabulary: exact ids on every hard string.
/// </summary>
public sealed class ClipBpeTokenizerReferenceTests(ClipReference reference) : IClassFixture<ClipReference>
{
    private static readonly Lazy<ClipBpeTokenizer> s_tokenizer =
        new(() => ClipBpeTokenizer.FromFiles(ClipReference.VocabularyPath, ClipReference.MergesPath));

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
    public void Encode_GivesTransformersJsIds_OnHardString(int index, string _)
    {
        var expected = reference.Cases[index].Ids;
        var tokenizer = s_tokenizer.Value;

        var ids = tokenizer.Encode(reference.Strings[index]);

        if (expected.Length <= ClipBpeTokenizer.DefaultContextLength)
        {
            Assert.Equal(expected, ids.ToArray());
        }
        else
        {
            // Cut to 77 keeping <|endoftext|>, as HF's Python CLIPTokenizer and open_clip do.
            Assert.Equal([.. expected[..76], tokenizer.EndId], ids.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodeBatch_PadsAsTransformersJs_OnHardString(int index, string _)
    {
        var expected = reference.Cases[index];
        var tokenizer = s_tokenizer.Value;

        var batch = tokenizer.EncodeBatch([reference.Strings[index]]);

        var ids = batch.InputIds.ToArray().Select(id => (int)id).ToArray();
        var mask = batch.AttentionMask.ToArray().Select(m => (int)m).ToArray();
        Assert.Equal(expected.PaddedMask, mask);
        if (expected.Ids.Length <= ClipBpeTokenizer.DefaultContextLength)
        {
            Assert.Equal(expected.PaddedIds, ids);
            Assert.Equal(expected.Ids.Length - 1, batch.EndIndices.Span[0]);
        }
        else
        {
            // transformers.js cuts after adding the special tokens, so its last position is a text
            // token and the end token is lost; ours keeps it there, where CLIP pools.
            Assert.Equal(expected.PaddedIds[..76], ids[..76]);
            Assert.NotEqual(tokenizer.EndId, expected.PaddedIds[76]);
            Assert.Equal(tokenizer.EndId, ids[76]);
            Assert.Equal(76, batch.EndIndices.Span[0]);
        }
    }

    [Fact]
    public void Reference_CoversTheHardStrings()
    {
        Assert.True(reference.Cases.Length >= 30, $"{reference.Cases.Length} reference cases; hard_strings.json should hold at least 30.");
        Assert.Contains(reference.Cases, c => c.Ids.Length > ClipBpeTokenizer.DefaultContextLength);
    }
}
