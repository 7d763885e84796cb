using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.NN;
using VideoLang.Torch.Optim;
using VideoLang.Torch.Serialization;

namespace VideoLang.Bench.Torch;

/// <summary>
/// Checks of the binding on a CUDA device, run by ops/gpu-check.sh on a GPU machine (which has no
/// .NET SDK, so they run from this self-contained program rather than xunit). Each check compares
/// the GPU against the CPU result of the same computation.
/// </summary>
internal static class GpuCheck
{
    public static int Run()
    {
        var checks = new (string Name, Action Body)[]
        {
            ("cuda device is visible", () => Require(TorchRuntime.CudaDeviceCount >= 1, $"{TorchRuntime.CudaDeviceCount} devices")),
            ("tensor round trip through cuda:0", RoundTrip),
            ("bert layer forward and gradients match the cpu", BertLayerMatchesCpu),
            ("autocast runs linear in float16 and softmax in float32", AutocastHalves),
            ("adamw foreach step on cuda matches the cpu", AdamWMatchesCpu),
            ("safetensors save from and load to cuda", SafetensorsOnCuda),
            ("no handle leaks", NoLeaks),
        };
        var failed = 0;
        foreach (var (name, body) in checks)
        {
            try
            {
                body();
                Console.WriteLine($"ok    {name}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"FAIL  {name}: {e.Message}");
            }
        }
        Console.WriteLine($"gpu-check: {checks.Length - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static readonly Device s_cuda = Device.Cuda(0);

    private static void RoundTrip()
    {
        using var scope = new DisposeScope();
        var x = Tensor.FromArray([1f, 2f, 3f], s_cuda);
        Require(x.Device == s_cuda, $"device {x.Device}");
        Require((x * 2).To(Device.Cpu).ToArray<float>().SequenceEqual([2f, 4f, 6f]), "values");
    }

    private static void BertLayerMatchesCpu()
    {
        TorchRuntime.ManualSeed(0);
        using var cpu = new BertLayer(256, 4, 1024);
        using var gpu = new BertLayer(256, 4, 1024);
        gpu.LoadStateDict(cpu.StateDict());
        gpu.To(s_cuda);
        using var scope = new DisposeScope();
        var x = Tensors.Randn([2, 16, 256]);
        var cpuOut = cpu.Forward(x);
        var gpuOut = gpu.Forward(x.To(s_cuda));
        cpuOut.Sum().Backward();
        gpuOut.Sum().Backward();
        Close(cpuOut, gpuOut, 1e-3, "output");
        foreach (var ((name, a), (_, b)) in cpu.NamedParameters().Zip(gpu.NamedParameters()))
        {
            Close(a.Grad!, b.Grad!, 1e-2, $"grad of {name}");
        }
    }

    private static void AutocastHalves()
    {
        using var linear = new Linear(64, 64);
        linear.To(s_cuda);
        using var scope = new DisposeScope();
        var x = Tensors.Randn([4, 64], device: s_cuda);
        using var autocast = Autocast.Enter(DeviceType.Cuda);
        var y = linear.Forward(x);
        Require(y.Dtype == ScalarType.Float16, $"linear gave {y.Dtype}");
        Require(Functional.Softmax(y, 1).Dtype == ScalarType.Float32, "softmax should run in float32");
    }

    private static void AdamWMatchesCpu()
    {
        using var scope = new DisposeScope();
        var cpu = Tensor.FromArray([0.5f, -1f, 2f]).RequiresGrad_();
        var gpu = Tensor.FromArray([0.5f, -1f, 2f], s_cuda).RequiresGrad_();
        using var cpuAdam = new AdamW([cpu], 0.1);
        using var gpuAdam = new AdamW([gpu], 0.1);
        for (var i = 0; i < 3; i++)
        {
            cpu.Pow(2).Sum().Backward();
            gpu.Pow(2).Sum().Backward();
            cpuAdam.Step();
            gpuAdam.Step();
        }
        Close(cpu, gpu, 1e-5, "parameters");
    }

    private static void SafetensorsOnCuda()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vl-gpu-{Environment.ProcessId}.safetensors");
        using var scope = new DisposeScope();
        var x = Tensors.Randn([3, 5], device: s_cuda);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = x });
        var loaded = Safetensors.Load(path, s_cuda)["x"];
        File.Delete(path);
        Require(loaded.Device == s_cuda, $"loaded onto {loaded.Device}");
        Close(x, loaded, 0, "values");
    }

    private static void NoLeaks()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = Tensor.LiveCount;
        using (var scope = new DisposeScope())
        {
            for (var i = 0; i < 100; i++)
            {
                var x = Tensors.Randn([64, 64], device: s_cuda).RequiresGrad_();
                x.Matmul(x).Sum().Backward();
            }
        }
        Require(Tensor.LiveCount == baseline, $"{Tensor.LiveCount - baseline} handles left");
    }

    private static void Close(Tensor expected, Tensor actual, double tolerance, string what)
    {
        using var scope = new DisposeScope();
        var difference = (expected.To(Device.Cpu, ScalarType.Float64) - actual.To(Device.Cpu, ScalarType.Float64)).Abs().Max().Item<double>();
        Require(difference <= tolerance, $"{what}: largest difference {difference:G3} exceeds {tolerance}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
