using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace VideoLang.Tests.Postgres;

/// <summary>
/// A throw-away PostgreSQL server for tests: one per test process, started on first use in a fresh
/// temporary directory on a free loopback port, trusted (no passwords; it listens on 127.0.0.1 only),
/// and stopped and deleted when the process exits. Each test class takes its own database from
/// <see cref="CreateDatabaseAsync"/>. When PostgreSQL cannot start, every call throws with the
/// reason and the server log: database tests fail, they never skip.
/// </summary>
public sealed class TestPostgresServer
{
    internal const string DataDirectoryName = "data";

    private const string DirectoryPrefix = "videolang-pg-";
    private const string SuperUser = "postgres";
    private const int PortAttempts = 3;
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(60);

    // The start is not tied to the first caller's token: cancelling one test must not fail the
    // server for every other one. A failed start stays failed, so the whole run reports it at once
    // instead of each test class trying again.
    private static readonly Lazy<Task<TestPostgresServer>> s_shared = new(() => StartAsync(CancellationToken.None));

    private readonly string _binDirectory;
    private readonly string _root;
    private int _databaseCount;
    private int _stopped;

    private TestPostgresServer(string binDirectory, string root)
    {
        _binDirectory = binDirectory;
        _root = root;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for the superuser on the <c>postgres</c> database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    private string DataDirectory => Path.Combine(_root, DataDirectoryName);

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>The server of this test process, started by the first caller.</summary>
    public static Task<TestPostgresServer> SharedAsync(CancellationToken ct = default) => s_shared.Value.WaitAsync(ct);

    /// <summary>A connection string for the superuser on <paramref name="database"/>.</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Database = database,
            Username = SuperUser,
            // Tests read failures from the message; the detail is what says which row broke a constraint.
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>
    /// Creates an empty database named after <paramref name="prefix"/> (lower-cased, anything but
    /// [a-z0-9_] replaced by '_') plus a counter, and returns its connection string.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = $"{SanitisePrefix(prefix)}_{Interlocked.Increment(ref _databaseCount)}";

        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);

            // The name is built from [a-z0-9_] only, so quoting it is enough.
            var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops the server (fast shutdown: every connection is cut, as in a real restart), keeps it down for
    /// <paramref name="downtime"/>, and starts it again on the same port. For tests of what clients do
    /// while the database is away; the test project must not run other database tests at the same time.
    /// </summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken ct = default)
    {
        var stop = await RunAsync("pg_ctl", ["stop", "-w", "-m", "fast", "-D", DataDirectory], ct).ConfigureAwait(false);
        if (stop.ExitCode != 0)
        {
            throw Failure("pg_ctl stop failed", stop);
        }

        await Task.Delay(downtime, ct).ConfigureAwait(false);
        var start = await RunAsync(
            "pg_ctl",
            ["start", "-w", "-t", ((int)s_readyTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port}"],
            ct).ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            throw Failure($"pg_ctl start after a restart failed (port {Port})", start);
        }

        await WaitUntilReadyAsync(ct).ConfigureAwait(false);
    }

    internal static string SanitisePrefix(string prefix)
    {
        var name = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        // Identifiers hold 63 bytes; leave room for the counter. A leading letter keeps the name
        // usable unquoted.
        var sanitised = name.Length > 40 ? name.ToString(0, 40) : name.ToString();
        return sanitised.Length == 0 ? "test" : char.IsAsciiLetter(sanitised[0]) ? sanitised : "db_" + sanitised;
    }

    private static async Task<TestPostgresServer> StartAsync(CancellationToken ct)
    {
        var binDirectory = PostgresBinaries.FindBinDirectory();
        StaleTestServers.Remove(DirectoryPrefix);

        // A directory of its own per run: a server left behind by a killed run keeps its directory
        // and port, and this one never touches them. Created 0700.
        var root = Directory.CreateTempSubdirectory(DirectoryPrefix).FullName;
        StaleTestServers.MarkOwner(root);
        var server = new TestPostgresServer(binDirectory, root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        if (PostgresCommand.RunsAsServiceUser)
        {
            PostgresCommand.GiveToServiceUser(root);
        }

        await server.InitialiseAsync(ct).ConfigureAwait(false);
        await server.StartServerAsync(ct).ConfigureAwait(false);
        await server.WaitUntilReadyAsync(ct).ConfigureAwait(false);
        return server;
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        var result = await RunAsync(
            "initdb",
            [
                // Trust: nothing but this machine can reach 127.0.0.1 and the 0700 socket directory.
                // C.UTF-8 as in ops/postgres.sh, so lower(), ILIKE and regexes treat non-ASCII text alike.
                "-D", DataDirectory, "--username=" + SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8",
                // Nothing here has to survive a crash; skipping the fsyncs saves seconds per run.
                "--no-sync",
            ],
            ct).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Failure("initdb failed", result);
        }

        // The settings go into the configuration file rather than onto the command line: pg_ctl hands
        // -o to a shell, and the socket directory is a path.
        var settings = $"""

            # videolang test server
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{_root.Replace("'", "''", StringComparison.Ordinal)}'
            max_connections = 400
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """;
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), settings, ct).ConfigureAwait(false);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            var result = await RunAsync(
                "pg_ctl",
                ["start", "-w", "-t", ((int)s_readyTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-D", DataDirectory, "-l", LogFile, "-o", $"-p {Port}"],
                ct).ConfigureAwait(false);
            if (result.ExitCode == 0)
            {
                return;
            }

            // The port was free a moment ago, but another process may have taken it since.
            if (attempt < PortAttempts && ReadLogTail().Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw Failure($"pg_ctl start failed (port {Port})", result);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        // pg_ctl -w watches the postmaster's pid file; this proves what tests need: a TCP connection.
        var probe = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (clock.Elapsed < s_readyTimeout)
        {
            try
            {
                var connection = new NpgsqlConnection(probe);
                await using (connection.ConfigureAwait(false))
                {
                    await connection.OpenAsync(ct).ConfigureAwait(false);
                    var command = new NpgsqlCommand("select 1", connection);
                    await using (command.ConfigureAwait(false))
                    {
                        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                    }

                    return;
                }
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                last = e;
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
        }

        throw Failure($"the server did not accept connections on 127.0.0.1:{Port} within {s_readyTimeout.TotalSeconds:0} s ({last?.Message})", null);
    }

    private Task<PostgresCommand.Result> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct) =>
        PostgresCommand.RunAsync(Path.Combine(_binDirectory, program), arguments, _root, s_commandTimeout, ct);

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private InvalidOperationException Failure(string what, PostgresCommand.Result? result)
    {
        var message = new StringBuilder($"Test PostgreSQL server ({_binDirectory}, {_root}): {what}.");
        if (result is not null)
        {
            message.Append($"\n`{result.CommandLine}` exited with {result.ExitCode}:\n{result.Output}");
        }

        if (PostgresCommand.RunsAsServiceUser)
        {
            message.Append($"\n(The tests run as root, so PostgreSQL runs as '{PostgresCommand.ServiceUser}', which must be able to enter every parent of {_root}; set TMPDIR to move it.)");
        }

        message.Append($"\n--- tail of {LogFile} ---\n{ReadLogTail()}");
        return new InvalidOperationException(message.ToString());
    }

    private string ReadLogTail()
    {
        try
        {
            return File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(40)) : "(no server log was written)";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read the server log: {e.Message})";
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Nothing can report a failure at process exit, and throwing here would turn a passed run
        // into a crashed test host; whatever is left behind is removed by the next run (StaleTestServers).
        try
        {
            // Immediate: the data is about to be deleted, so there is nothing to checkpoint.
            if (Postmaster.RequestImmediateShutdown(DataDirectory) && !Postmaster.WaitForExit(DataDirectory, TimeSpan.FromSeconds(5)))
            {
                // Deleting the files of a running server would leave it running on nothing.
                return;
            }

            StartRemoving(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Win32Exception)
        {
            Debug.WriteLine($"test PostgreSQL server in {_root} was not cleaned up: {e.Message}");
        }
    }

    // vstest kills the test host about 100 ms after the run; deleting a cluster's thousand files can
    // take longer on a busy machine. rm runs on after the host is gone, so it is not waited for.
    private static void StartRemoving(string directory)
    {
        var start = new ProcessStartInfo("rm") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-rf");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start);
    }
}
