using System.Diagnostics;

namespace VideoLang.Model.Tests.Reference;

/// <summary>Runs a checked-in Python script with Debian's python3 (which has python3-torch; the python3 on PATH may not).</summary>
internal static class PythonScript
{
    /// <summary>Runs <paramref name="relativePath"/> (under the test output folder) with <paramref name="arguments"/>; throws with its stderr when it fails.</summary>
    public static void Run(string relativePath, params string[] arguments)
    {
        var script = Path.Combine(AppContext.BaseDirectory, relativePath);
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        // Both pipes drained at once, so a chatty script can never block on a full one.
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}); is python3-torch installed (bash ops/setup.sh)? {errors.Result}");
        }
    }
}
