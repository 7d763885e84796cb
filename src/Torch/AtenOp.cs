using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

/// <summary>
/// An ATen operator found by name once and called through the boxed dispatcher, so calls pass
/// through autograd, autocast and the device kernels like any PyTorch call. Every operator libtorch
/// has is reachable this way; the typed wrappers on <see cref="Tensor"/> are built on it.
/// </summary>
public sealed class AtenOp
{
    private const int StackScratchWords = 256;
    private static readonly ConcurrentDictionary<(string, string), AtenOp> s_cache = new();

    private readonly nint _handle;

    private AtenOp(string name, string overload, nint handle)
    {
        Name = name;
        Overload = overload;
        _handle = handle;
    }

    public string Name { get; }

    public string Overload { get; }

    /// <summary>The schema libtorch declares, e.g. <c>aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor</c>.</summary>
    public string Schema
    {
        get
        {
            NativeMethods.Check(NativeMethods.OpSchema(_handle, out var text));
            return Marshal.PtrToStringUTF8(text) ?? "";
        }
    }

    /// <summary>Finds <c>aten::name.overload</c> (overload "" for the default one); throws <see cref="TorchException"/> if libtorch has no such operator.</summary>
    public static AtenOp Get(string name, string overload = "")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return s_cache.GetOrAdd((name, overload), static key =>
        {
            var qualified = key.Item1.Contains("::", StringComparison.Ordinal) ? key.Item1 : "aten::" + key.Item1;
            NativeMethods.Check(NativeMethods.OpFind(qualified, key.Item2, out var handle));
            return new AtenOp(qualified, key.Item2, handle);
        });
    }

    /// <summary>Calls an operator that returns one tensor.</summary>
    public Tensor Invoke(params ReadOnlySpan<OpArg> args)
    {
        var results = Call(args, discard: false);
        return results.Length == 1 && results[0] is Tensor tensor
            ? tensor
            : throw new TorchException($"{this} returned {results.Length} values, not one tensor; use InvokeMany.");
    }

    /// <summary>Calls an operator that returns several values (tuples and tensor lists are flattened); tensors come back as <see cref="Tensor"/>, numbers as long, double or bool, None as null.</summary>
    public object?[] InvokeMany(params ReadOnlySpan<OpArg> args) => Call(args, discard: false);

    /// <summary>Calls an in-place or <c>out=</c> operator, whose result only aliases an input, without keeping it.</summary>
    public void InvokeInPlace(params ReadOnlySpan<OpArg> args) => Call(args, discard: true);

    public override string ToString() => Overload.Length == 0 ? Name : $"{Name}.{Overload}";

    private unsafe object?[] Call(ReadOnlySpan<OpArg> args, bool discard)
    {
        var words = 0;
        foreach (ref readonly var arg in args)
        {
            words += arg.ScratchWords;
        }
        Span<long> scratch = words <= StackScratchWords ? stackalloc long[StackScratchWords] : new long[words];
        var native = stackalloc NativeArg[args.Length];
        int status;
        NativeArg* results;
        int count;
        fixed (long* scratchPointer = scratch)
        {
            var offset = 0;
            for (var k = 0; k < args.Length; k++)
            {
                native[k] = args[k].ToNative(scratchPointer, ref offset);
            }
            status = NativeMethods.OpCall(_handle, native, args.Length, discard ? 1 : 0, out results, out count);
        }
        foreach (ref readonly var arg in args)
        {
            arg.KeepAlive();
        }
        NativeMethods.Check(status);
        if (count == 0)
        {
            return [];
        }
        var values = new object?[count];
        for (var k = 0; k < count; k++)
        {
            var result = results[k];
            values[k] = result.Kind switch
            {
                NativeArgKind.Tensor => new Tensor(result.P),
                NativeArgKind.Int => result.I,
                NativeArgKind.Double => result.D,
                NativeArgKind.Bool => result.I != 0,
                _ => null,
            };
        }
        return values;
    }
}
