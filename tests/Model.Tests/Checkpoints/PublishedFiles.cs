using VideoLang.Model.Text;
using VideoLang.Torch;
using VideoLang.Torch.Serialization;

using VideoLang.Model.Tests.Reference;

namespace VideoLang.Model.Tests.Checkpoints;

/// <summary>Writes the files a weight import reads, as published models ship them, into a test's folder.</summary>
internal static class PublishedFiles
{
    /// <summary>A BERT small enough to import in a blink; one 64-wide head, as shape inference assumes.</summary>
    public static BertConfig SmallBert { get; } = new()
    {
        VocabSize = 30, HiddenSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 1, IntermediateSize = 128, MaxPositionEmbeddings = 16,
    };

    /// <summary>A vocab.txt of <paramref name="count"/> tokens: BERT's five specials, then w5, w6, ...</summary>
    public static string Vocabulary(string directory, int count)
    {
        var path = Path.Combine(directory, $"vocab-{count}.txt");
        string[] specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
        File.WriteAllLines(path, specials.Concat(Enumerable.Range(specials.Length, count - specials.Length).Select(i => $"w{i}")).Take(count));
        return path;
    }

    /// <summary>HuggingFace's config.json for <paramref name="bert"/>, with <paramref name="extra"/> JSON members appended.</summary>
    public static string BertConfigJson(string directory, BertConfig bert, string extra = "\"hidden_act\": \"gelu\"")
    {
        var path = Path.Combine(directory, "config.json");
        File.WriteAllText(path, $$"""
            {
              "architectures": ["BertModel"], "model_type": "bert",
              "vocab_size": {{bert.VocabSize}}, "hidden_size": {{bert.HiddenSize}}, "num_hidden_layers": {{bert.NumHiddenLayers}},
              "num_attention_heads": {{bert.NumAttentionHeads}}, "intermediate_size": {{bert.IntermediateSize}},
              "max_position_embeddings": {{bert.MaxPositionEmbeddings}}, "type_vocab_size": {{bert.TypeVocabSize}},
              "layer_norm_eps": 1e-12, {{extra}}
            }
            """);
        return path;
    }

    public static string Save(string directory, string name, IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        var path = Path.Combine(directory, name);
        Safetensors.Save(path, tensors.ToDictionary());
        return path;
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> with Debian's python3-torch <c>torch.save</c> (through the checked-in
    /// save_pytorch.py), as HuggingFace's pytorch_model.bin is written: <paramref name="layout"/> is "zip" (torch
    /// &gt;= 1.6) or "legacy"; <paramref name="wrapKey"/> nests the state dict as <c>{key: state_dict, "epoch": 1}</c>.
    /// </summary>
    public static string SaveWithTorch(string directory, string name, IEnumerable<KeyValuePair<string, Tensor>> tensors, string layout, string? wrapKey = null)
    {
        var source = Save(directory, name + ".source.safetensors", tensors);
        var path = Path.Combine(directory, name);
        PythonScript.Run(Path.Combine("Checkpoints", "save_pytorch.py"), [source, path, layout, .. wrapKey is null ? Array.Empty<string>() : [wrapKey]]);
        return path;
    }

    /// <summary>Checks that every source tensor reached <paramref name="prefix"/> + its name in the model bit for bit.</summary>
    public static void AssertCopied(IReadOnlyDictionary<string, Tensor> model, string prefix, IEnumerable<KeyValuePair<string, Tensor>> source)
    {
        foreach (var (name, expected) in source)
        {
            var actual = model[prefix + name];
            Assert.Equal(expected.Dtype, actual.Dtype);
            Assert.True(actual.AllClose(expected, 0, 0), $"{prefix}{name} differs from the source tensor {name}");
        }
    }
}
