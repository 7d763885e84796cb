namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// One ONNX initializer and the model tensor it becomes: <paramref name="Source"/> says how it was
/// recognised (the initializer's name and its role in the graph), <paramref name="Transpose"/> that
/// the matrix is stored (in, out) for <c>MatMul</c> and must become PyTorch's (out, in).
/// </summary>
internal sealed record OnnxTensorMapping(string Target, OnnxInitializer Initializer, string Source, bool Transpose = false);
