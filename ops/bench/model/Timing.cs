using System.Diagnostics;
using VideoLang.Torch;

namespace VideoLang.Bench.Model;

/// <summary>Wall-clock seconds of one step, waiting for queued CUDA work before and after.</summary>
internal static class Timing
{
    public static double Seconds(Action step, Device device)
    {
        Synchronize(device);
        var watch = Stopwatch.StartNew();
        step();
        Synchronize(device);
        return watch.Elapsed.TotalSeconds;
    }

    private static void Synchronize(Device device)
    {
        if (device.Type == DeviceType.Cuda)
        {
            TorchRuntime.CudaSynchronize(Math.Max(0, device.Index));
        }
    }
}
