using System.Globalization;

namespace VideoLang.Tests.Postgres;

/// <summary>
/// Stops and deletes the test servers of test processes that died without running their exit
/// handler (killed test host, debugger stopped). Each run uses its own directory and port, so a
/// stale server never blocks a run; this only keeps them from piling up.
/// </summary>
internal static class StaleTestServers
{
    private const string OwnerFile = "owner";

    /// <summary>Records which process owns a server directory, so a later run can tell whether it is stale.</summary>
    public static void MarkOwner(string root)
    {
        File.WriteAllText(Path.Combine(root, OwnerFile), $"{Environment.ProcessId} {StartTime(Environment.ProcessId)}");
    }

    /// <summary>Best effort: anything it cannot prove stale, stop or delete is left alone.</summary>
    public static void Remove(string prefix)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var root in candidates)
        {
            try
            {
                RemoveIfStale(root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // Another user's directory, or another run cleaning the same one: not ours to fix.
            }
        }
    }

    private static void RemoveIfStale(string root)
    {
        var ownerPath = Path.Combine(root, OwnerFile);

        // No owner file: a run that is starting right now and has not written it yet.
        if (!File.Exists(ownerPath) || IsAlive(File.ReadAllText(ownerPath)))
        {
            return;
        }

        var data = Path.Combine(root, TestPostgresServer.DataDirectoryName);
        if (Postmaster.RequestImmediateShutdown(data) && !Postmaster.WaitForExit(data, TimeSpan.FromSeconds(10)))
        {
            return;
        }

        Directory.Delete(root, recursive: true);
    }

    private static bool IsAlive(string owner)
    {
        var parts = owner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var pid = int.Parse(parts[0], CultureInfo.InvariantCulture);

        // A live process with the same id but another start time took over a dead owner's id.
        return StartTime(pid) is { } startTime && startTime == parts[1];
    }

    // The kernel's start time (clock ticks since boot, field 22 of /proc/<pid>/stat) is exact;
    // Process.StartTime is not: each process derives the boot time anew, so two processes see
    // start times of the same process a few milliseconds apart.
    private static string? StartTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Field 2, the command name, is in parentheses and may hold spaces; field 3 follows the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields[22 - 3];
    }
}
