using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

internal static partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "vl_runtime_manual_seed")]
    internal static partial int RuntimeManualSeed(ulong seed);

    [LibraryImport(Library, EntryPoint = "vl_runtime_set_threads")]
    internal static partial int RuntimeSetThreads(int threads);

    [LibraryImport(Library, EntryPoint = "vl_runtime_get_threads")]
    internal static partial int RuntimeGetThreads(out int result);

    [LibraryImport(Library, EntryPoint = "vl_runtime_cuda_device_count")]
    internal static partial int RuntimeCudaDeviceCount(out int result);

    [LibraryImport(Library, EntryPoint = "vl_runtime_cuda_synchronize")]
    internal static partial int RuntimeCudaSynchronize(int deviceIndex);

    [LibraryImport(Library, EntryPoint = "vl_runtime_version")]
    internal static partial int RuntimeVersion(out int major, out int minor, out int patch);

    [LibraryImport(Library, EntryPoint = "vl_runtime_autocast_enter")]
    internal static partial int RuntimeAutocastEnter(int deviceType, int dtype, out int previousEnabled, out int previousDtype);

    [LibraryImport(Library, EntryPoint = "vl_runtime_autocast_exit")]
    internal static partial int RuntimeAutocastExit(int deviceType, int previousEnabled, int previousDtype);
}
