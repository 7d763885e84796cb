// The model benchmark: the clipbert-base forward for one video (16 clips × 2 frames at 448 px, one
// 20-token text), one training step of the tiny model, and CLIP ViT-B/32's image tower (16 frames at
// 224 px) and text tower (16 texts of 77 tokens), from C# and from an independent PyTorch
// implementation (clipbert_reference.py), same libtorch, same threads, steps alternating between the
// two. Prints one JSON line per workload; ratio_vs_python is C# seconds / Python seconds. Unless
// --no-compare, the forward runs the same weights and input on both sides and reports the difference.
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using VideoLang.Bench.Model;
using VideoLang.Torch;

var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length && !args[p.i + 1].StartsWith("--", StringComparison.Ordinal) ? args[p.i + 1] : "");
int Option(string name, int fallback) =>
    options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var device = Device.Parse(options.GetValueOrDefault("device", "cpu"));
if (options.TryGetValue("threads", out var requestedThreads))
{
    // REVIEW: set through the variable, before the first native call: the bridge's library resolver
    // runs again for each native entry point's first call and resets the count to its default each
    // time, undoing an earlier TorchRuntime.Threads = n (reported for src/Torch).
    Environment.SetEnvironmentVariable("VIDEOLANG_TORCH_THREADS", requestedThreads);
}
var threads = TorchRuntime.Threads;
(string Name, Func<IWorkload> Create)[] workloads =
[
    (ClipBertForward.WorkloadName, () => new ClipBertForward(device)),
    (TinyTrainingStep.WorkloadName, () => new TinyTrainingStep(device)),
    (ClipTowerForward.ImageWorkloadName, () => new ClipTowerForward(device, image: true)),
    (ClipTowerForward.TextWorkloadName, () => new ClipTowerForward(device, image: false)),
];
var iterations = new Dictionary<string, int>
{
    [ClipBertForward.WorkloadName] = Option("iterations", device.Type == DeviceType.Cuda ? 20 : 2),
    [TinyTrainingStep.WorkloadName] = Option("train-iterations", device.Type == DeviceType.Cuda ? 50 : 10),
    [ClipTowerForward.ImageWorkloadName] = Option("clip-iterations", device.Type == DeviceType.Cuda ? 50 : 5),
    [ClipTowerForward.TextWorkloadName] = Option("clip-iterations", device.Type == DeviceType.Cuda ? 50 : 5),
};
var pythonScript = options.GetValueOrDefault("python-script", "");
var exchangePath = options.ContainsKey("no-compare") || pythonScript.Length == 0
    ? null
    : Path.Combine(options.GetValueOrDefault("work", Path.GetTempPath()), "model_exchange.safetensors");

// Plain JSON lines: '+' in "2.11.0+cu130" stays '+'.
var json = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

using var python = pythonScript.Length > 0
    ? new PythonReference(options.GetValueOrDefault("python", "/usr/bin/python3"), pythonScript, threads, device)
    : null;
var only = options.GetValueOrDefault("only", "");
foreach (var (name, create) in workloads.Where(w => only.Length == 0 || w.Name == only))
{
    using var workload = create();
    string? weights = null;
    if (exchangePath is not null && workload is IExportingWorkload exporting)
    {
        exporting.Export(exchangePath);
        weights = exchangePath;
    }
    var reference = python?.Setup(workload.Name, workload.Warmup, weights);
    if (weights is not null)
    {
        File.Delete(weights);
    }
    for (var i = 0; i < workload.Warmup; i++)
    {
        workload.Run();
    }
    double csharp = 0, pytorch = 0;
    var count = iterations[name];
    for (var i = 0; i < count; i++)
    {
        csharp += Timing.Seconds(workload.Run, device);
        pytorch += python?.Run(workload.Name) ?? 0;
    }
    var line = new JsonObject
    {
        ["bench"] = "model",
        ["name"] = workload.Name,
        ["threads"] = threads,
        ["device"] = device.ToString(),
        ["libtorch"] = TorchRuntime.LibTorchVersion.ToString(),
        ["iterations"] = count,
        ["csharp_seconds"] = Math.Round(csharp / count, 4),
    };
    if (python is not null)
    {
        line["python_seconds"] = Math.Round(pytorch / count, 4);
        line["ratio_vs_python"] = Math.Round(csharp / pytorch, 3);
    }
    foreach (var (key, value) in workload.Details.Concat(reference ?? []))
    {
        line[key] = value?.DeepClone();
    }
    Console.WriteLine(line.ToJsonString(json));
}
return 0;
