using System.Runtime.InteropServices;
using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

/// <summary>
/// A libtorch tensor. It owns one native handle, freed by <see cref="Dispose"/>, by the innermost
/// <see cref="DisposeScope"/> open when it was made, or at last by the finalizer. Operations are
/// named as in PyTorch and spread over partial files by area.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle _handle;

    internal Tensor(nint handle)
    {
        _handle = new TensorHandle(handle);
        Scope = DisposeScope.Current;
        Scope?.Add(this);
    }

    /// <summary>Native tensors alive in this process (every handle not yet freed); tests use it to prove nothing leaks.</summary>
    public static long LiveCount => NativeMethods.TensorLiveCount();

    internal DisposeScope? Scope { get; set; }

    /// <summary>The native handle; throws once the tensor is disposed.</summary>
    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    public bool IsDisposed => _handle.IsClosed;

    public long[] Shape
    {
        get
        {
            NativeMethods.Check(NativeMethods.TensorNdim(Handle, out var ndim));
            var shape = new long[ndim];
            unsafe
            {
                fixed (long* dims = shape)
                {
                    NativeMethods.Check(NativeMethods.TensorShape(Handle, dims, shape.Length));
                }
            }
            GC.KeepAlive(this);
            return shape;
        }
    }

    public int Dim
    {
        get
        {
            NativeMethods.Check(NativeMethods.TensorNdim(Handle, out var ndim));
            return (int)ndim;
        }
    }

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var shape = Shape;
        return shape[dim < 0 ? dim + shape.Length : dim];
    }

    public long NumberOfElements => Shape.Aggregate(1L, (a, b) => a * b);

    public ScalarType Dtype
    {
        get
        {
            NativeMethods.Check(NativeMethods.TensorDtype(Handle, out var dtype));
            return (ScalarType)dtype;
        }
    }

    public Device Device
    {
        get
        {
            NativeMethods.Check(NativeMethods.TensorDevice(Handle, out var type, out var index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Copies the elements out, in C order. <typeparamref name="T"/> must match <see cref="Dtype"/> (bf16 as ushort).</summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        var expected = ScalarTypes.Of<T>();
        if (Dtype != expected)
        {
            throw new InvalidOperationException(
                $"The tensor holds {Dtype}, not {expected}; convert it first with .To({expected}).");
        }
        var result = new T[NumberOfElements];
        unsafe
        {
            fixed (T* destination = result)
            {
                NativeMethods.Check(NativeMethods.TensorCopyTo(Handle, destination, (long)result.Length * sizeof(T)));
            }
        }
        GC.KeepAlive(this);
        return result;
    }

    /// <summary>The raw elements in C order, whatever the dtype (little-endian, as in memory).</summary>
    public byte[] ToBytes()
    {
        var result = new byte[NumberOfElements * Dtype.ElementSize()];
        unsafe
        {
            fixed (byte* destination = result)
            {
                NativeMethods.Check(NativeMethods.TensorCopyTo(Handle, destination, result.Length));
            }
        }
        GC.KeepAlive(this);
        return result;
    }

    /// <summary>The single element of a one-element tensor.</summary>
    public T Item<T>()
        where T : unmanaged
    {
        if (NumberOfElements != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one element; this one has shape [{string.Join(", ", Shape)}].");
        }
        return ToArray<T>()[0];
    }

    /// <summary>Removes the tensor from its scope: the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        Scope = null;
        return this;
    }

    /// <summary>Moves the tensor to the scope enclosing its current one.</summary>
    public Tensor MoveToOuterDisposeScope() => Scope?.MoveOut(this) ?? this;

    public void Dispose() => _handle.Dispose();

    public override string ToString() =>
        IsDisposed ? "tensor(disposed)" : $"tensor(shape=[{string.Join(", ", Shape)}], dtype={Dtype}, device={Device})";

    /// <summary>Wraps the handle an export wrote to its out-parameter, after checking the status.</summary>
    internal static Tensor Wrap(int status, nint handle)
    {
        NativeMethods.Check(status);
        return new Tensor(handle);
    }
}
