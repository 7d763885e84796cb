using VideoLang.Torch.Autograd;

namespace VideoLang.Torch.Tests;

[Collection(TorchCollection.Name)]
public sealed class RuntimeTests : IDisposable
{
    private readonly DisposeScope _scope = new();

    public void Dispose() => _scope.Dispose();

    [Fact]
    public void Threads_StartAtTheCoreCount_AndCanBeSet()
    {
        var start = TorchRuntime.Threads;
        var expected = int.TryParse(Environment.GetEnvironmentVariable("VIDEOLANG_TORCH_THREADS"), out var n) ? n : Environment.ProcessorCount;
        Assert.Equal(expected, start);
        TorchRuntime.Threads = 1;
        // Imports called for the first time after the change must not reset it.
        _ = TorchRuntime.CudaDeviceCount;
        _ = TorchRuntime.LibTorchVersion;
        Assert.Equal(1, TorchRuntime.Threads);
        TorchRuntime.Threads = start;
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.Threads = 0);
    }

    [Fact]
    public void ManualSeed_MakesRandomTensorsRepeatable()
    {
        TorchRuntime.ManualSeed(123);
        var a = Tensors.Randn([5]).ToArray<float>();
        TorchRuntime.ManualSeed(123);
        Assert.Equal(a, Tensors.Randn([5]).ToArray<float>());
        Assert.NotEqual(a, Tensors.Randn([5]).ToArray<float>());
    }

    [Fact]
    public void LibTorchVersion_IsAtLeast113() => Assert.True(TorchRuntime.LibTorchVersion >= new Version(1, 13));

    [Fact]
    public void NoGrad_StopsRecording_AndRestoresTheModeAfter()
    {
        var x = Tensors.Ones([2]).RequiresGrad_();
        using (GradMode.NoGrad())
        {
            Assert.False(GradMode.IsEnabled);
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True(GradMode.IsEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void InferenceMode_IsThreadLocal_AndEndsOnDispose()
    {
        using (InferenceMode.Enter())
        {
            Assert.True(InferenceMode.IsEnabled);
            var onOtherThread = true;
            var thread = new Thread(() => onOtherThread = InferenceMode.IsEnabled);
            thread.Start();
            thread.Join();
            Assert.False(onOtherThread);
            Assert.False((Tensors.Ones([2]).RequiresGrad_(false) * 2).RequiresGrad);
        }
        Assert.False(InferenceMode.IsEnabled);
    }

    [Fact]
    public void Autocast_RunsMatmulInBFloat16OnCpu_AndRestoresAfter()
    {
        var a = Tensors.Randn([4, 4]);
        using (Autocast.Enter(DeviceType.Cpu))
        {
            Assert.Equal(ScalarType.BFloat16, a.Matmul(a).Dtype);
        }
        Assert.Equal(ScalarType.Float32, a.Matmul(a).Dtype);
    }

    [Fact]
    public void Warning_ReceivesLibtorchWarnings()
    {
        var warnings = new List<string>();
        void Handler(string message) => warnings.Add(message);
        TorchRuntime.Warning += Handler;
        try
        {
            // An out= tensor of the wrong shape is resized, with a deprecation warning.
            var x = Tensors.Ones([4]);
            AtenOp.Get("add", "out").InvokeInPlace(x, x, 1, Tensors.Empty([2]));
        }
        finally
        {
            TorchRuntime.Warning -= Handler;
        }
        Assert.Contains(warnings, w => w.Contains("was resized", StringComparison.Ordinal));
    }
}
