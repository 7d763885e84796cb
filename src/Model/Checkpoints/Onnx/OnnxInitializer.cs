using System.Runtime.InteropServices;
using VideoLang.Torch;

namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// A constant tensor of an ONNX graph (a <c>TensorProto</c> initializer): name, ONNX element type,
/// dims and the little-endian bytes of its values (from <c>raw_data</c>, or packed from
/// <c>float_data</c>/<c>int64_data</c>).
/// </summary>
internal sealed record OnnxInitializer(string Name, int DataType, long[] Dims, byte[] Data)
{
    /// <summary>TensorProto.DataType values (onnx.proto) this reader turns into tensors.</summary>
    public const int Float = 1;
    public const int Int32 = 6;
    public const int Int64 = 7;

    public long ElementCount => Dims.Aggregate(1L, (a, b) => a * b);

    public string Shape => $"[{string.Join(", ", Dims)}]";

    /// <summary>A float32 CPU tensor of the values; <paramref name="source"/> names the file in the error for any other type.</summary>
    public Tensor ToFloatTensor(string source)
    {
        if (DataType != Float)
        {
            throw new WeightImportException($"{source}: initializer '{Name}' holds ONNX data type {DataType}, not float (1); it cannot be a weight.");
        }
        if (Data.Length != ElementCount * sizeof(float))
        {
            throw new WeightImportException(
                $"{source}: initializer '{Name}' {Shape} holds {Data.Length} bytes instead of {ElementCount * sizeof(float)}; the file is truncated or corrupt.");
        }
        return Tensor.FromSpan(MemoryMarshal.Cast<byte, float>(Data.AsSpan()), Dims);
    }
}
