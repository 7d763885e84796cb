using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, EntryPoint = "vl_op_find", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpFind(string name, string overload, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_op_schema")]
    internal static partial int OpSchema(nint op, out nint result);

    [LibraryImport(Library, EntryPoint = "vl_op_call")]
    internal static partial int OpCall(nint op, NativeArg* args, int count, int discard, out NativeArg* results, out int resultCount);
}
