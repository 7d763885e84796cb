using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// Runs ffmpeg or ffprobe from an argument list (never a shell), streams stdout to a caller-supplied
/// reader and stderr line by line, and kills the process on cancellation or when it overruns its
/// <see cref="ProcessBudget"/>. Every run first takes a place at <see cref="MediaProcesses"/>.
/// </summary>
internal static class MediaProcess
{
    private static readonly TimeSpan s_budgetCheck = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs one tool; <paramref name="subject"/> names the file the run is about, for messages.</summary>
    public static async Task<int> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        string subject,
        Func<Stream, CancellationToken, Task>? readStdout,
        Action<string> onStderrLine,
        ProcessBudget budget,
        CancellationToken cancellationToken)
    {
        using var place = await MediaProcesses.Gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["AV_LOG_FORCE_NOCOLOR"] = "1";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new MediaToolException(
                $"Could not start '{executable}': {e.Message}. Install Debian's ffmpeg package " +
                "(apt-get install ffmpeg) or point SamplerOptions.FfmpegPath/FfprobePath at the binaries.", e);
        }

        process.StandardInput.Close();

        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(budget.WallTime);
        using var kill = limit.Token.Register(() => Kill(process));
        var cpuOverrun = false;
        var othersAtEnd = 0;
        var watchdog = WatchCpuAsync(process, budget.CpuTime, () =>
        {
            cpuOverrun = true;
            othersAtEnd = MediaProcesses.Running - 1;
            limit.Cancel();
        }, limit.Token);

        var stderr = PumpLinesAsync(process.StandardError, onStderrLine);
        try
        {
            if (readStdout is null)
            {
                await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, limit.Token).ConfigureAwait(false);
            }
            else
            {
                await readStdout(process.StandardOutput.BaseStream, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception) when (!limit.IsCancellationRequested)
        {
            // The reader gave up (for example more output than expected): stop ffmpeg so it does not
            // block on a full pipe, then report the reader's error.
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            // Handled below, once the process is gone.
        }

        await stderr.ConfigureAwait(false);
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var others = cpuOverrun ? othersAtEnd : MediaProcesses.Running - 1;
        var stopped = limit.IsCancellationRequested;
        await limit.CancelAsync().ConfigureAwait(false);
        await watchdog.ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        var tool = Path.GetFileName(executable);
        var ran = watch.Elapsed.TotalSeconds;
        if (cpuOverrun)
        {
            var cpu = budget.CpuTime.TotalSeconds;
            throw new MediaToolException(string.Create(CultureInfo.InvariantCulture,
                $"'{tool}' on {subject} used more than {cpu:0.#} s of processor time (it ran {ran:0.#} s, beside {others} other media processes) and was stopped. The file may be very long or costly to decode; raise SamplerOptions.ProcessTimeout to allow it."));
        }
        if (stopped)
        {
            throw new MediaToolException(string.Create(CultureInfo.InvariantCulture,
                $"'{tool}' on {subject} was still running after {ran:0.#} s (beside {others} other media processes) and was stopped; it may be stuck on the file. Raise SamplerOptions.ProcessWallTimeout if the machine is heavily loaded."));
        }

        return process.ExitCode;
    }

    /// <summary>Checks the process's own processor time every few hundred milliseconds until <paramref name="stop"/>.</summary>
    private static async Task WatchCpuAsync(Process process, TimeSpan cpuBudget, Action overrun, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(s_budgetCheck);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                TimeSpan used;
                try
                {
                    used = process.TotalProcessorTime;
                }
                catch (Exception e) when (e is InvalidOperationException or Win32Exception)
                {
                    return; // Exited between two checks.
                }
                if (used > cpuBudget)
                {
                    overrun();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private static async Task PumpLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (Win32Exception)
        {
            // Exiting while we tried; nothing left to stop.
        }
    }
}
