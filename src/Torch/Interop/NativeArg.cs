using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

/// <summary>The native <c>vl_arg</c>: one tagged argument or result of an operator call.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeArg
{
    public NativeArgKind Kind;
    public int Reserved;
    public long I;
    public double D;
    public nint P;
    public long N;
}
