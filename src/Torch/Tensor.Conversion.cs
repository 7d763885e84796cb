using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

public sealed partial class Tensor
{
    public Tensor To(Device device, ScalarType? dtype = null, bool nonBlocking = false) =>
        Wrap(NativeMethods.TensorTo(Handle, (int)device.Type, device.Index, dtype is { } d ? (int)d : -1, nonBlocking ? 1 : 0, out var result), result);

    public Tensor To(ScalarType dtype) => To(Device, dtype);

    public Tensor Clone() => Wrap(NativeMethods.TensorClone(Handle, out var result), result);

    /// <summary>The same data, cut from the autograd graph.</summary>
    public Tensor Detach() => Wrap(NativeMethods.TensorDetach(Handle, out var result), result);

    /// <summary>A second handle to this very tensor (same storage, same autograd identity), with its own lifetime.</summary>
    public Tensor Alias() => Wrap(NativeMethods.TensorAlias(Handle, out var result), result);
}
