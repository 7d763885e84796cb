using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "vl_autograd_backward")]
    internal static partial int AutogradBackward(nint handle, nint gradient, int retainGraph, int createGraph);

    [LibraryImport(Library, EntryPoint = "vl_autograd_grad")]
    internal static partial int AutogradGrad(nint handle, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_autograd_set_grad")]
    internal static partial int AutogradSetGrad(nint handle, nint gradient);

    [LibraryImport(Library, EntryPoint = "vl_autograd_set_grad_enabled")]
    internal static partial int AutogradSetGradEnabled(int enabled, out int previous);

    [LibraryImport(Library, EntryPoint = "vl_autograd_is_grad_enabled")]
    internal static partial int AutogradIsGradEnabled(out int result);

    [LibraryImport(Library, EntryPoint = "vl_autograd_inference_mode_enter")]
    internal static partial int AutogradInferenceModeEnter(out nint guard);

    [LibraryImport(Library, EntryPoint = "vl_autograd_inference_mode_exit")]
    internal static partial int AutogradInferenceModeExit(nint guard);

    [LibraryImport(Library, EntryPoint = "vl_autograd_is_inference_mode")]
    internal static partial int AutogradIsInferenceMode(out int result);
}
