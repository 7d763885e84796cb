using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies <paramref name="data"/> (C order) into a new tensor of the given shape.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device? device = null)
        where T : unmanaged => FromSpan(data, shape, ScalarTypes.Of<T>(), device);

    /// <summary>Copies raw elements of type <paramref name="dtype"/> (e.g. bf16 bits as ushort) into a new tensor.</summary>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, ScalarType dtype, Device? device = null)
        where T : unmanaged
    {
        long count = 1;
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d, nameof(shape));
            count *= d;
        }
        if (count * dtype.ElementSize() != (long)data.Length * sizeof(T))
        {
            throw new ArgumentException(
                $"Shape [{string.Join(", ", shape.ToArray())}] of {dtype} needs {count * dtype.ElementSize()} bytes but the data has {(long)data.Length * sizeof(T)}.",
                nameof(data));
        }
        var target = device ?? Device.Cpu;
        fixed (T* source = data)
        fixed (long* dims = shape)
        {
            return Wrap(
                NativeMethods.TensorFromData(source, dims, shape.Length, (int)dtype, (int)target.Type, target.Index, out var handle),
                handle);
        }
    }

    /// <summary>A one-dimensional tensor holding <paramref name="data"/>.</summary>
    public static Tensor FromArray<T>(T[] data, Device? device = null)
        where T : unmanaged => FromSpan<T>(data, [data.Length], device);

    /// <summary>A tensor of the given shape holding <paramref name="data"/>.</summary>
    public static Tensor FromArray<T>(T[] data, long[] shape, Device? device = null)
        where T : unmanaged => FromSpan<T>(data, shape, device);

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor Scalar<T>(T value, Device? device = null)
        where T : unmanaged => FromSpan<T>([value], [], device);
}
