using System.ComponentModel;
using System.Diagnostics;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// Runs ffmpeg or ffprobe from an argument list (never a shell), streams stdout to a caller-supplied
/// reader and stderr line by line, and kills the process on cancellation or timeout.
/// </summary>
internal static class MediaProcess
{
    public static async Task<int> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        Func<Stream, CancellationToken, Task>? readStdout,
        Action<string> onStderrLine,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
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

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var kill = limit.Token.Register(() => Kill(process));

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

        cancellationToken.ThrowIfCancellationRequested();
        if (limit.IsCancellationRequested)
        {
            throw new MediaToolException(
                $"'{Path.GetFileName(executable)}' did not finish within {timeout.TotalSeconds:0.#} s and was stopped. " +
                "Raise SamplerOptions.ProcessTimeout if the machine is slow or the files are long.");
        }

        return process.ExitCode;
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
