namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>One operator of an ONNX graph: its type (<c>Conv</c>, <c>MatMul</c>, ...), the names of the values it reads and writes, and its numeric attributes.</summary>
internal sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, OnnxAttribute> Attributes)
{
    /// <summary>An integer-list attribute (<c>strides</c>, <c>pads</c>, <c>kernel_shape</c>), or <paramref name="fallback"/> when absent.</summary>
    public long[] Ints(string name, long[] fallback) => Attributes.TryGetValue(name, out var a) ? a.Ints : fallback;

    /// <summary>A float attribute (<c>epsilon</c>), or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) => Attributes.TryGetValue(name, out var a) && a.Float is { } f ? f : fallback;

    /// <summary>An integer attribute (<c>transB</c>, <c>axis</c>), or <paramref name="fallback"/> when absent.</summary>
    public long Int(string name, long fallback) => Attributes.TryGetValue(name, out var a) && a.Int is { } i ? i : fallback;
}
