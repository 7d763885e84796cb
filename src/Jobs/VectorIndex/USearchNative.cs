using System.Runtime.InteropServices;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// The C API of USearch's native library (shipped in the Cloud.Unum.USearch package). We call it
/// directly because the package's managed wrapper cannot reserve capacity (so parallel adds fail) and
/// has no way to set the build's thread count. Enum values are those of USearch 2.26's <c>usearch.h</c>.
/// </summary>
internal static partial class USearchNative
{
    private const string Library = "libusearch_c";

    public const int MetricCos = 1;
    public const int MetricIp = 2;
    public const int ScalarF32 = 1;
    public const int ScalarF16 = 3;
    public const int ScalarI8 = 4;

    [StructLayout(LayoutKind.Sequential)]
    public struct InitOptions
    {
        public int MetricKind;
        public nint Metric;
        public int Quantization;
        public nuint Dimensions;
        public nuint Connectivity;
        public nuint ExpansionAdd;
        public nuint ExpansionSearch;
        /// <summary>A C <c>bool</c>: one byte, 0 = one vector per key.</summary>
        public byte Multi;
    }

    [LibraryImport(Library, EntryPoint = "usearch_init")]
    public static partial nint Init(ref InitOptions options, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_free")]
    public static partial void Free(nint index, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_reserve")]
    public static partial void Reserve(nint index, nuint capacity, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_add")]
    public static partial void ChangeThreadsAdd(nint index, nuint threads, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_threads_search")]
    public static partial void ChangeThreadsSearch(nint index, nuint threads, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_change_expansion_search")]
    public static partial void ChangeExpansionSearch(nint index, nuint expansion, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_add")]
    public static unsafe partial void Add(nint index, ulong key, float* vector, int vectorKind, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_search")]
    public static unsafe partial nuint Search(nint index, float* query, int queryKind, nuint count, ulong* keys, float* distances, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_remove")]
    public static partial nuint Remove(nint index, ulong key, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_contains")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Contains(nint index, ulong key, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_size")]
    public static partial nuint Size(nint index, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_capacity")]
    public static partial nuint Capacity(nint index, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_memory_usage")]
    public static partial nuint MemoryUsage(nint index, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_save", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Save(nint index, string path, ref nint error);

    [LibraryImport(Library, EntryPoint = "usearch_load", StringMarshalling = StringMarshalling.Utf8)]
    public static partial void Load(nint index, string path, ref nint error);

    /// <summary>Throws when USearch reported an error; its messages are static strings, never freed.</summary>
    public static void Check(nint error, string operation)
    {
        if (error != 0)
        {
            throw new VectorIndexException($"USearch could not {operation}: {Marshal.PtrToStringUTF8(error)}.");
        }
    }
}
