using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoLang.Torch.Interop;

/// <summary>
/// The C ABI of the libtorch bridge (src/Torch/native). One file per native area adds to this
/// class; every export returns 0 or -1 with the message in <see cref="ErrorLast"/>.
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Library = "videolang_torch";
    private const string LibraryFile = "libvideolang_torch.so";
    private const string BridgeVariable = "VIDEOLANG_BRIDGE";
    private const string ThreadsVariable = "VIDEOLANG_TORCH_THREADS";
    private static readonly Lock s_loadLock = new();
    private static nint s_library;

    // Only the resolver is set here: a missing library must surface as the DllNotFoundException
    // below at the first call, not as a TypeInitializationException that poisons the class.
    static NativeMethods() => NativeLibrary.SetDllImportResolver(typeof(NativeMethods).Assembly, Resolve);

    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchException(Marshal.PtrToStringUTF8(ErrorLast()) ?? "unknown libtorch error");
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
        {
            return 0;
        }
        // The resolver runs for every import's first call: load (and set the default threads) once,
        // or a thread count set in between would be reset.
        lock (s_loadLock)
        {
            if (s_library == 0)
            {
                s_library = Load(assembly);
            }
            return s_library;
        }
    }

    private static nint Load(Assembly assembly)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BridgeVariable) is { Length: > 0 } explicitPath)
        {
            candidates.Add(explicitPath);
        }
        candidates.Add(Path.Combine(AppContext.BaseDirectory, LibraryFile));
        candidates.Add(Path.Combine(Path.GetDirectoryName(assembly.Location) ?? ".", LibraryFile));
        foreach (var path in candidates.Where(File.Exists))
        {
            nint library;
            try
            {
                library = NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new DllNotFoundException(
                    $"The libtorch bridge at {path} could not be loaded: {e.Message}. Is libtorch installed " +
                    "(bash ops/setup.sh installs Debian's libtorch-dev)?", e);
            }
            SetDefaultThreads(library);
            return library;
        }
        throw new DllNotFoundException(
            $"The libtorch bridge {LibraryFile} was not found (looked in: {string.Join(", ", candidates)}). " +
            $"Build it with `bash ops/setup.sh` or `dotnet build` (needs cmake, g++ and libtorch-dev), " +
            $"or point {BridgeVariable} at a built copy.");
    }

    /// <summary>libtorch 1.13 starts with one intra-op thread here; use every core unless told otherwise.</summary>
    private static void SetDefaultThreads(nint library)
    {
        var threads = int.TryParse(Environment.GetEnvironmentVariable(ThreadsVariable), out var n) && n > 0
            ? n
            : Environment.ProcessorCount;
        var setThreads = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "vl_runtime_set_threads");
        setThreads(threads);
    }

    [LibraryImport(Library, EntryPoint = "vl_error_last")]
    internal static partial nint ErrorLast();

    [LibraryImport(Library, EntryPoint = "vl_error_set_warning_callback")]
    internal static partial int ErrorSetWarningCallback(delegate* unmanaged<byte*, void> callback);
}
