using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

/// <summary>Owns one native <c>at::Tensor</c> handle; freed once, by dispose or by the finalizer.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle(nint handle)
        : base(0, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        NativeMethods.TensorFree(handle);
        return true;
    }
}
