using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace VideoLang.Tests.Postgres;

/// <summary>
/// Stops a postmaster with a signal instead of pg_ctl. The test host gets only about 100 ms to exit
/// once the run is over (vstest kills it then; VSTEST_TESTHOST_SHUTDOWN_TIMEOUT), which starting
/// runuser and pg_ctl, and pg_ctl's 100 ms polling, do not fit in. A signal is immediate.
/// </summary>
internal static class Postmaster
{
    private const int SigQuit = 3;

    /// <summary>Asks the postmaster of <paramref name="dataDirectory"/> for an immediate shutdown (SIGQUIT).</summary>
    /// <returns>False when no postmaster of that directory is running.</returns>
    public static bool RequestImmediateShutdown(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !IsPostmasterOf(pid, dataDirectory))
        {
            return false;
        }

        return Kill(pid, SigQuit) == 0;
    }

    /// <summary>Waits for the postmaster to remove its pid file, which it does last on the way out.</summary>
    public static bool WaitForExit(string dataDirectory, TimeSpan timeout)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        var clock = Stopwatch.StartNew();
        while (File.Exists(pidFile))
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            Thread.Sleep(5);
        }

        return true;
    }

    // A pid file left by a crashed server may name a process that has since reused the id; as root,
    // signalling it could stop anything, even another cluster. pg_ctl started ours as
    // `postgres -D <data> ...`, so the command line names the data directory.
    private static bool IsPostmasterOf(int pid, string dataDirectory)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return Path.GetFileName(arguments[0]) is "postgres" or "postmaster" && arguments.Contains(dataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // REVIEW: DllImport, not the house LibraryImport: this file is compiled into every test project
    // that links tests/Shared, and LibraryImport would make each of them enable unsafe code.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
