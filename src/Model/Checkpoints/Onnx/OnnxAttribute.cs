namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>The numeric part of an ONNX <c>AttributeProto</c>: <c>f</c>, <c>i</c> and <c>ints</c> (tensor, graph and string attributes are not read).</summary>
internal sealed record OnnxAttribute(string Name, float? Float, long? Int, long[] Ints);
