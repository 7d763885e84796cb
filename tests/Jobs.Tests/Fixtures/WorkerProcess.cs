using System.Diagnostics;
using System.Globalization;

namespace VideoLang.Jobs.Tests.Fixtures;

/// <summary>A worker in its own process (this test assembly run as `worker`), with its output kept for failure messages.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _log;

    private WorkerProcess(Process process, string log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public static WorkerProcess Start(string connectionString, WorkerOptions options, string logFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        start.ArgumentList.Add("worker");
        foreach (var (key, value) in Settings(connectionString, options))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["Logging__LogLevel__Default"] = "Information";
        start.Environment["VIDEOLANG_TORCH_THREADS"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, logFile);
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly as when the machine loses the process.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public string Log() => File.Exists(_log) ? File.ReadAllText(_log) : "";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static IEnumerable<(string, string)> Settings(string connectionString, WorkerOptions o)
    {
        var c = CultureInfo.InvariantCulture;
        yield return ("ConnectionStrings:VideoLang", connectionString);
        yield return ("Worker:StorageDirectory", o.StorageDirectory);
        yield return ("Worker:ClipCount", o.ClipCount?.ToString(c) ?? "");
        yield return ("Worker:TagThreshold", o.TagThreshold.ToString(c));
        yield return ("Worker:Concurrency", o.Concurrency.ToString(c));
        yield return ("Worker:MaxAttempts", o.MaxAttempts.ToString(c));
        yield return ("Worker:RetryBaseDelay", o.RetryBaseDelay.ToString("c", c));
        yield return ("Worker:RetryMaxDelay", o.RetryMaxDelay.ToString("c", c));
        yield return ("Worker:InvisibilityTimeout", o.InvisibilityTimeout.ToString("c", c));
        yield return ("Worker:HeartbeatInterval", o.HeartbeatInterval.ToString("c", c));
        yield return ("Worker:PollInterval", o.PollInterval.ToString("c", c));
        yield return ("Worker:UseCuda", o.UseCuda ? "true" : "false");
    }
}
