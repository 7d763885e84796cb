namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// What VideoLang reads of an ONNX model: who exported it, the graph's operators in file order
/// (ONNX requires topological order), its constant tensors by name, and its input and output names.
/// </summary>
internal sealed class OnnxGraph
{
    private readonly Dictionary<string, OnnxNode> _producers;

    public OnnxGraph(string path, string producer, IReadOnlyList<OnnxNode> nodes, IReadOnlyDictionary<string, OnnxInitializer> initializers,
        IReadOnlyList<string> inputs, IReadOnlyList<string> outputs)
    {
        (Path, Producer, Nodes, Initializers, Inputs, Outputs) = (path, producer, nodes, initializers, inputs, outputs);
        _producers = new Dictionary<string, OnnxNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var output in node.Outputs)
            {
                _producers[output] = node;
            }
        }
    }

    /// <summary>The file, for messages.</summary>
    public string Path { get; }

    /// <summary><c>producer_name</c> and <c>producer_version</c>, e.g. "CNTK 2.6".</summary>
    public string Producer { get; }

    public IReadOnlyList<OnnxNode> Nodes { get; }

    public IReadOnlyDictionary<string, OnnxInitializer> Initializers { get; }

    /// <summary>Graph inputs that are not initializers (old exporters list both).</summary>
    public IReadOnlyList<string> Inputs { get; }

    public IReadOnlyList<string> Outputs { get; }

    /// <summary>The node that writes <paramref name="value"/>, or null for a graph input or an initializer.</summary>
    public OnnxNode? Producing(string value) => _producers.GetValueOrDefault(value);

    /// <summary>The nodes that read <paramref name="value"/>, in graph order.</summary>
    public IEnumerable<OnnxNode> Consuming(string value) => Nodes.Where(n => n.Inputs.Contains(value, StringComparer.Ordinal));

    /// <summary>The initializer named <paramref name="value"/>, or an error naming the file and the node that reads it.</summary>
    public OnnxInitializer Initializer(string value, OnnxNode reader) =>
        Initializers.GetValueOrDefault(value)
        ?? throw new WeightImportException(
            $"{Path}: {reader.OpType} node '{reader.Name}' reads '{value}', which is not a constant of the graph; the file is not the expected export.");
}
