using System.Text.Encodings.Web;
using System.Text.Json;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// The C# tokenizer against the independent Python reference (reference_tokenizer.py, Google's
/// BERT algorithm) on the shared bert-base-uncased vocabulary: ids, token types, tokens and
/// offsets must be exactly those of golden.jsonl.
/// </summary>
public sealed class WordPieceTokenizerGoldenTests
{
    private static readonly Lazy<WordPieceTokenizer> s_tokenizer =
        new(() => WordPieceTokenizer.FromVocabularyFile(RepositoryPaths.BertBaseUncasedVocabulary));

    private static readonly Lazy<GoldenCase[]> s_cases = new(LoadCases);

    /// <summary>Case indices, each with its text (JSON-escaped, shortened) so the test name says which failed.</summary>
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var (golden, index) in s_cases.Value.Select((c, i) => (c, i)))
        {
            data.Add(index, golden.Label);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_GivesReferenceIdsAndOffsets_OnBertBaseUncased(int index, string _)
    {
        var golden = s_cases.Value[index];
        var tokenizer = s_tokenizer.Value;

        var encoded = golden.TextPair is null
            ? tokenizer.Encode(golden.Text, golden.MaxLength)
            : tokenizer.EncodePair(golden.Text, golden.TextPair, golden.MaxLength);

        Assert.Equal(golden.Tokens, encoded.Tokens);
        Assert.Equal(golden.Ids, encoded.Ids);
        Assert.Equal(golden.TypeIds, encoded.TypeIds);
        Assert.Equal(golden.Offsets, encoded.Offsets);
        Assert.All(encoded.AttentionMask, mask => Assert.Equal(1, mask));
    }

    [Fact]
    public void Golden_CoversManyCases()
    {
        Assert.True(s_cases.Value.Length >= 60, $"golden.jsonl has {s_cases.Value.Length} cases; regenerate it with reference_tokenizer.py.");
    }

    [Fact]
    public void Encode_GivesKnownBertIds_ForHelloWorld()
    {
        var encoded = s_tokenizer.Value.Encode("hello world");

        Assert.Equal([101, 7592, 2088, 102], encoded.Ids.ToArray());
        Assert.Equal([(0, 0), (0, 5), (6, 11), (0, 0)], encoded.Offsets.ToArray());
    }

    [Fact]
    public void SpecialIds_AreThoseOfBertBaseUncased()
    {
        var tokenizer = s_tokenizer.Value;

        Assert.Equal((0, 100, 101, 102, 103), (tokenizer.PadId, tokenizer.UnkId, tokenizer.ClsId, tokenizer.SepId, tokenizer.MaskId));
        Assert.Equal(30522, tokenizer.Vocabulary.Count);
    }

    [Fact]
    public void Decode_GivesNormalizedText_ForCaption()
    {
        var tokenizer = s_tokenizer.Value;

        var encoded = tokenizer.Encode("Text overlay reads \"HELLO\" on a Café wall");

        Assert.Equal("text overlay reads \" hello \" on a cafe wall", tokenizer.Decode(encoded.Ids));
    }

    private static GoldenCase[] LoadCases()
    {
        return [.. File.ReadLines(RepositoryPaths.Golden).Where(line => line.Length > 0).Select(Parse)];

        static GoldenCase Parse(string line)
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var text = root.GetProperty("text").GetString()!;
            var label = JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            return new GoldenCase(
                text,
                root.TryGetProperty("text_pair", out var pair) ? pair.GetString() : null,
                root.TryGetProperty("max_length", out var max) ? max.GetInt32() : null,
                [.. root.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!)],
                [.. root.GetProperty("ids").EnumerateArray().Select(t => t.GetInt32())],
                [.. root.GetProperty("type_ids").EnumerateArray().Select(t => t.GetInt32())],
                [.. root.GetProperty("offsets").EnumerateArray().Select(o => (o[0].GetInt32(), o[1].GetInt32()))],
                label.Length > 60 ? label[..57] + "..." : label);
        }
    }

    private sealed record GoldenCase(
        string Text,
        string? TextPair,
        int? MaxLength,
        string[] Tokens,
        int[] Ids,
        int[] TypeIds,
        (int Start, int End)[] Offsets,
        string Label);
}
