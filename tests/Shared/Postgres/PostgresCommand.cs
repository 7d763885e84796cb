using System.Diagnostics;

namespace VideoLang.Tests.Postgres;

/// <summary>
/// Runs a PostgreSQL program without a shell. PostgreSQL refuses to run as root, so a root test
/// process runs it as the <c>postgres</c> user through runuser; anyone else runs it directly and
/// owns the cluster.
/// </summary>
internal static class PostgresCommand
{
    public const string ServiceUser = "postgres";

    public static bool RunsAsServiceUser => Environment.IsPrivilegedProcess;

    public static async Task<Result> RunAsync(
        string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken ct)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            // The service user must be able to enter the working directory, or every program
            // complains that it cannot find its current directory.
            WorkingDirectory = workingDirectory,
        };
        if (RunsAsServiceUser)
        {
            start.FileName = FindRunuser();
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(ServiceUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', start.ArgumentList.Prepend(start.FileName));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {commandLine}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        return new Result(commandLine, process.ExitCode, output.Trim());
    }

    /// <summary>Hands a directory to the service user (only meaningful when running as root).</summary>
    public static void GiveToServiceUser(string directory)
    {
        Debug.Assert(RunsAsServiceUser, "only root can hand a directory to another user");

        // .NET has no chown; the coreutils one takes the path as a plain argument, so no shell is involved.
        // "postgres:" means the user's login group, whatever it is called.
        var start = new ProcessStartInfo("chown") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(ServiceUser + ":");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start chown");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"chown {ServiceUser}: {directory} failed ({process.ExitCode}): {error.Trim()}; the test run is root, so it needs a '{ServiceUser}' user to run PostgreSQL as.");
        }
    }

    // Root's PATH normally has /usr/sbin, but a test host started from an IDE or a trimmed
    // environment may not.
    private static string FindRunuser() =>
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }.FirstOrDefault(File.Exists) ?? "runuser";

    /// <summary>What a program printed (stdout then stderr) and how it exited.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string Output);
}
