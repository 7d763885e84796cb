using System.Runtime.InteropServices;
using VideoLang.Torch.Interop;

namespace VideoLang.Torch;

/// <summary>Process-wide libtorch settings: seeding, threads, CUDA, version and warnings.</summary>
public static class TorchRuntime
{
    private static readonly Lock s_warningLock = new();
    private static Action<string>? s_warning;

    /// <summary>Seeds libtorch's generators (CPU and every CUDA device).</summary>
    public static void ManualSeed(ulong seed) => NativeMethods.Check(NativeMethods.RuntimeManualSeed(seed));

    /// <summary>Intra-op threads, for libtorch and for the BLAS library's own pool. Starts at the core count (or VIDEOLANG_TORCH_THREADS).</summary>
    public static int Threads
    {
        get
        {
            NativeMethods.Check(NativeMethods.RuntimeGetThreads(out var threads));
            return threads;
        }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            NativeMethods.Check(NativeMethods.RuntimeSetThreads(value));
        }
    }

    public static int CudaDeviceCount
    {
        get
        {
            NativeMethods.Check(NativeMethods.RuntimeCudaDeviceCount(out var count));
            return count;
        }
    }

    public static bool IsCudaAvailable => CudaDeviceCount > 0;

    /// <summary>Waits until every kernel queued on CUDA device <paramref name="index"/> has finished.</summary>
    public static void CudaSynchronize(int index = 0) => NativeMethods.Check(NativeMethods.RuntimeCudaSynchronize(index));

    /// <summary>The version of the libtorch the bridge was built against.</summary>
    public static Version LibTorchVersion
    {
        get
        {
            NativeMethods.Check(NativeMethods.RuntimeVersion(out var major, out var minor, out var patch));
            return new Version(major, minor, patch);
        }
    }

    /// <summary>libtorch's warnings, which otherwise go to stderr. Handlers run on the thread that warned.</summary>
    public static event Action<string>? Warning
    {
        add
        {
            lock (s_warningLock)
            {
                var install = s_warning is null;
                s_warning += value;
                if (install)
                {
                    SetCallback(install: true);
                }
            }
        }
        remove
        {
            lock (s_warningLock)
            {
                s_warning -= value;
                if (s_warning is null)
                {
                    SetCallback(install: false);
                }
            }
        }
    }

    private static unsafe void SetCallback(bool install) =>
        NativeMethods.Check(NativeMethods.ErrorSetWarningCallback(install ? &OnWarning : null));

    [UnmanagedCallersOnly]
    private static unsafe void OnWarning(byte* message)
    {
        try
        {
            s_warning?.Invoke(Marshal.PtrToStringUTF8((nint)message) ?? "");
        }
#pragma warning disable CA1031 // An exception must not unwind into libtorch's native frames.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
