using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "vl_tensor_live_count")]
    internal static partial long TensorLiveCount();

    [LibraryImport(Library, EntryPoint = "vl_tensor_free")]
    internal static partial void TensorFree(nint handle);

    [LibraryImport(Library, EntryPoint = "vl_tensor_from_data")]
    internal static partial int TensorFromData(void* data, long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_copy_to")]
    internal static partial int TensorCopyTo(nint handle, void* destination, long bytes);

    [LibraryImport(Library, EntryPoint = "vl_tensor_ndim")]
    internal static partial int TensorNdim(nint handle, out long result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_shape")]
    internal static partial int TensorShape(nint handle, long* dims, int capacity);

    [LibraryImport(Library, EntryPoint = "vl_tensor_dtype")]
    internal static partial int TensorDtype(nint handle, out int result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_device")]
    internal static partial int TensorDevice(nint handle, out int type, out int index);

    [LibraryImport(Library, EntryPoint = "vl_tensor_to")]
    internal static partial int TensorTo(nint handle, int deviceType, int deviceIndex, int dtype, int nonBlocking, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_clone")]
    internal static partial int TensorClone(nint handle, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_detach")]
    internal static partial int TensorDetach(nint handle, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_alias")]
    internal static partial int TensorAlias(nint handle, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_requires_grad")]
    internal static partial int TensorRequiresGrad(nint handle, out int result);

    [LibraryImport(Library, EntryPoint = "vl_tensor_set_requires_grad")]
    internal static partial int TensorSetRequiresGrad(nint handle, int value);

    [LibraryImport(Library, EntryPoint = "vl_tensor_set_data")]
    internal static partial int TensorSetData(nint handle, nint source);
}
