using VideoLang.Model.Tests.Reference;
using VideoLang.Model.Text;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Text;

[Collection(ReferenceCollection.Name)]
public sealed class BertModelTests(PyTorchReference reference)
{
    private static readonly BertConfig s_reference = new()
    {
        VocabSize = 500, HiddenSize = 256, NumHiddenLayers = 3, NumAttentionHeads = 4, IntermediateSize = 1024, MaxPositionEmbeddings = 64,
    };

    private static readonly string[] s_inputs = ["input_ids", "token_type_ids", "attention_mask", "sequence_output", "pooled_output"];

    [Fact]
    public void Forward_MatchesPyTorch_OnHuggingFaceNamedWeights_WithPaddingAndTwoSegments()
    {
        using var bert = new BertModel(s_reference);
        var tensors = reference.Load("bert");
        try
        {
            var result = bert.LoadStateDict(tensors.Where(kv => !s_inputs.Contains(kv.Key)).ToDictionary());
            Assert.True(result.IsExact, result.ToString());
            bert.Eval();
            using var scope = new DisposeScope();
            var (sequence, pooled) = bert.Forward(tensors["input_ids"], tensors["attention_mask"], tensors["token_type_ids"]);
            foreach (var (expected, actual) in new[] { (tensors["sequence_output"], sequence), (tensors["pooled_output"], pooled) })
            {
                var (difference, scale) = PyTorchReference.Compare(expected, actual);
                Assert.True(difference <= 1e-4, $"largest difference {difference:G3} (outputs up to {scale:G3})");
            }
        }
        finally
        {
            foreach (var t in tensors.Values)
            {
                t.Dispose();
            }
        }
    }

    [Fact]
    public void StateDict_HasBertBaseUncasedNamesAndSizes()
    {
        using var bert = new BertModel(new BertConfig());
        var names = bert.StateDict().Keys.ToHashSet();
        Assert.Equal(5 + (12 * 16) + 2, names.Count);
        Assert.Contains("embeddings.word_embeddings.weight", names);
        Assert.Contains("encoder.layer.11.attention.self.query.weight", names);
        Assert.Contains("encoder.layer.0.attention.output.LayerNorm.bias", names);
        Assert.Contains("encoder.layer.3.intermediate.dense.weight", names);
        Assert.Contains("encoder.layer.3.output.dense.bias", names);
        Assert.Contains("pooler.dense.weight", names);
        Assert.Equal(109_482_240, bert.Parameters().Sum(p => p.NumberOfElements));
    }
}
