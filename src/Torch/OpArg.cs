using System.Text;
using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

/// <summary>
/// One argument of an <see cref="AtenOp"/> call. The bridge converts it to the type the operator's
/// schema declares, so an int may stand for a float or for an <c>int[2]</c>.
/// </summary>
public readonly struct OpArg
{
    private readonly NativeArgKind _kind;
    private readonly long _i;
    private readonly double _d;
    private readonly object? _reference;

    private OpArg(NativeArgKind kind, long i = 0, double d = 0, object? reference = null)
    {
        _kind = kind;
        _i = i;
        _d = d;
        _reference = reference;
    }

    public static OpArg None => default;

    public static implicit operator OpArg(Tensor? tensor) => tensor is null ? None : new(NativeArgKind.Tensor, reference: tensor);

    public static implicit operator OpArg(long value) => new(NativeArgKind.Int, i: value);

    public static implicit operator OpArg(int value) => new(NativeArgKind.Int, i: value);

    public static implicit operator OpArg(double value) => new(NativeArgKind.Double, d: value);

    public static implicit operator OpArg(bool value) => new(NativeArgKind.Bool, i: value ? 1 : 0);

    public static implicit operator OpArg(long[] values) => new(NativeArgKind.IntList, reference: values);

    public static implicit operator OpArg(double[] values) => new(NativeArgKind.DoubleList, reference: values);

    /// <summary>A tensor list; null entries stand for None in a <c>Tensor?[]</c>.</summary>
    public static implicit operator OpArg(Tensor?[] tensors) => new(NativeArgKind.TensorList, reference: tensors);

    public static implicit operator OpArg(string value) => new(NativeArgKind.String, reference: value);

    public static implicit operator OpArg(ScalarType value) => new(NativeArgKind.Int, i: (int)value);

    public static implicit operator OpArg(Device value) => new(NativeArgKind.Device, i: (int)value.Type, d: value.Index);

    /// <summary>An optional int: None when null.</summary>
    public static OpArg Optional(long? value) => value is { } v ? v : None;

    /// <summary>
    /// A Scalar that is an int when the value is whole: libtorch refuses a float <c>alpha</c> for
    /// integer tensors even when it is 1.0.
    /// </summary>
    public static OpArg Number(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value) ? (OpArg)(long)value : (OpArg)value;

    /// <summary>An optional dtype: None when null.</summary>
    public static OpArg Optional(ScalarType? value) => value is { } v ? v : None;

    internal object? Reference => _reference;

    /// <summary>8-byte words of scratch memory the native form needs (lists and strings).</summary>
    internal int ScratchWords => _reference switch
    {
        long[] a => a.Length,
        double[] a => a.Length,
        Tensor?[] a => a.Length,
        string s => (Encoding.UTF8.GetByteCount(s) / 8) + 1,
        _ => 0,
    };

    /// <summary>The native form; list and string contents are copied into <paramref name="scratch"/> at <paramref name="offset"/>.</summary>
    internal unsafe NativeArg ToNative(long* scratch, ref int offset)
    {
        var native = new NativeArg { Kind = _kind, I = _i, D = _d };
        var start = scratch + offset;
        switch (_reference)
        {
            case Tensor tensor:
                native.P = tensor.Handle;
                break;
            case long[] values:
                values.CopyTo(new Span<long>(start, values.Length));
                (native.P, native.N) = ((nint)start, values.Length);
                offset += values.Length;
                break;
            case double[] values:
                values.CopyTo(new Span<double>(start, values.Length));
                (native.P, native.N) = ((nint)start, values.Length);
                offset += values.Length;
                break;
            case Tensor?[] tensors:
                for (var k = 0; k < tensors.Length; k++)
                {
                    start[k] = tensors[k]?.Handle ?? 0;
                }
                (native.P, native.N) = ((nint)start, tensors.Length);
                offset += tensors.Length;
                break;
            case string text:
                var words = ScratchWords;
                var bytes = new Span<byte>(start, words * 8);
                bytes.Clear();
                Encoding.UTF8.GetBytes(text, bytes);
                native.P = (nint)start;
                offset += words;
                break;
        }
        if (_kind == NativeArgKind.Device)
        {
            native.N = (long)_d;
        }
        return native;
    }

    /// <summary>Keeps the managed objects behind the native form alive until the call returns.</summary>
    internal void KeepAlive()
    {
        if (_reference is Tensor?[] tensors)
        {
            foreach (var t in tensors)
            {
                GC.KeepAlive(t);
            }
        }
        GC.KeepAlive(_reference);
    }

}
