using System.Diagnostics;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>Runs the built `vlang` command line (vlang.dll beside the tests) against a test database, as an operator would.</summary>
internal static class VlangProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string connectionString, params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("vl-cli-").FullName;
        try
        {
            // A folder of its own, so no appsettings.json from elsewhere is read.
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vlang.dll"));
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment["VIDEOLANG_ConnectionStrings__VideoLang"] = connectionString;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
