// The Torch benchmark: per-op call overhead from C# against the same call from a C++ driver and
// from PyTorch, and a BERT-base layer (batch 8, seq 128) forward and forward+backward against
// PyTorch from Python, all in one run. Prints JSON lines; ratios are C# time / other time.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoLang.Bench.Torch;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
if (options.ContainsKey("gpu-check"))
{
    return GpuCheck.Run();
}
var device = Device.Parse(options.GetValueOrDefault("device", "cpu"));
var iterations = int.Parse(options.GetValueOrDefault("iterations", "5"), CultureInfo.InvariantCulture);
var opCalls = int.Parse(options.GetValueOrDefault("op-calls", "200000"), CultureInfo.InvariantCulture);
var cppDriver = options.GetValueOrDefault("cpp-driver", "");
var pythonScript = options.GetValueOrDefault("python-script", "");
var threads = TorchRuntime.Threads;

var csharp = new Dictionary<string, double>
{
    ["op_add"] = OpAddSeconds(opCalls),
};
var (forward, training) = BertLayerSeconds(iterations, device);
csharp["bert_layer_forward"] = forward;
csharp["bert_layer_forward_backward"] = training;

var cpp = cppDriver.Length > 0 ? RunJsonLines(cppDriver, [opCalls.ToString(CultureInfo.InvariantCulture)]) : [];
var python = pythonScript.Length > 0
    ? RunJsonLines(options.GetValueOrDefault("python", "/usr/bin/python3"), [pythonScript, threads.ToString(CultureInfo.InvariantCulture), iterations.ToString(CultureInfo.InvariantCulture), (opCalls / 10).ToString(CultureInfo.InvariantCulture), device.Type == DeviceType.Cuda ? "cuda" : "cpu"])
    : [];

foreach (var (name, seconds) in csharp)
{
    var line = new JsonObject
    {
        ["bench"] = "torch",
        ["name"] = name,
        ["threads"] = threads,
        ["device"] = device.ToString(),
        ["libtorch"] = TorchRuntime.LibTorchVersion.ToString(),
        ["csharp_seconds"] = seconds,
    };
    if (cpp.TryGetValue(name, out var c))
    {
        line["cpp_seconds"] = c;
        line["ratio_vs_cpp"] = Math.Round(seconds / c, 3);
    }
    if (python.TryGetValue(name, out var p))
    {
        line["python_seconds"] = p;
        line["ratio_vs_python"] = Math.Round(seconds / p, 3);
    }
    Console.WriteLine(line.ToJsonString());
}
return 0;

static double OpAddSeconds(int calls)
{
    using var a = Tensors.Ones([1]);
    using var b = Tensors.Ones([1]);
    void Run(int n)
    {
        for (var k = 0; k < n; k++)
        {
            a.Add(b).Dispose();
        }
    }
    Run(calls / 10);
    var watch = Stopwatch.StartNew();
    Run(calls);
    return watch.Elapsed.TotalSeconds / calls;
}

static (double Forward, double Training) BertLayerSeconds(int iterations, Device device)
{
    TorchRuntime.ManualSeed(0);
    using var layer = new BertLayer();
    layer.To(device);
    using var x = Tensors.Randn([8, 128, 768], device: device);
    void Synchronize()
    {
        if (device.Type == DeviceType.Cuda)
        {
            TorchRuntime.CudaSynchronize(Math.Max(0, device.Index));
        }
    }
    double Time(Action step)
    {
        step();
        Synchronize();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            step();
        }
        Synchronize();
        return watch.Elapsed.TotalSeconds / iterations;
    }
    var forward = Time(() =>
    {
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        layer.Forward(x);
    });
    var training = Time(() =>
    {
        using var scope = new DisposeScope();
        layer.ZeroGrad();
        layer.Forward(x).Sum().Backward();
    });
    return (forward, training);
}

static Dictionary<string, double> RunJsonLines(string program, string[] arguments)
{
    var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{program} exited with {process.ExitCode}");
    }
    return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => JsonDocument.Parse(l).RootElement)
        .ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("seconds").GetDouble());
}
