using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VideoLang.Torch;

namespace VideoLang.Bench.Model;

/// <summary>
/// clipbert_reference.py (the PyTorch replica) kept running beside the C# side and driven over its
/// standard input one line at a time (<c>setup NAME WARMUP [WEIGHTS]</c>, then <c>run NAME</c> per step), so
/// that C# and PyTorch steps alternate and both see the same background load on a shared machine.
/// </summary>
internal sealed class PythonReference : IDisposable
{
    private readonly Process _process;

    public PythonReference(string python, string script, int threads, Device device)
    {
        var start = new ProcessStartInfo(python) { RedirectStandardInput = true, RedirectStandardOutput = true };
        // The bridge sets OpenBLAS's pool along with libtorch's; torch.set_num_threads leaves OpenBLAS alone.
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            script, "--serve",
            "--threads", threads.ToString(CultureInfo.InvariantCulture),
            "--device", device.Type == DeviceType.Cuda ? $"cuda:{Math.Max(0, device.Index)}" : "cpu",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
    }

    /// <summary>Builds the workload in Python (loading and comparing <paramref name="weights"/> when given) and runs <paramref name="warmup"/> untimed steps; returns its details.</summary>
    public JsonObject Setup(string name, int warmup, string? weights) =>
        Ask(string.Create(CultureInfo.InvariantCulture, $"setup {name} {warmup} {weights}").TrimEnd());

    /// <summary>Seconds of one step, timed inside Python.</summary>
    public double Run(string name) => (double)Ask($"run {name}")["seconds"]!;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private JsonObject Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
        var line = _process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The PyTorch reference stopped (exit code {(_process.WaitForExit(5000) ? _process.ExitCode : -1)}) on '{command}'; its error output is above.");
        return JsonNode.Parse(line)!.AsObject();
    }
}
