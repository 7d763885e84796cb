namespace VideoLang.Tests.Postgres;

/// <summary>
/// Finds the PostgreSQL server programs (initdb, pg_ctl, postgres). <c>pg_config --bindir</c> is not
/// used: on Debian it belongs to libpq-dev and names /usr/bin, which holds only the client wrappers.
/// </summary>
internal static class PostgresBinaries
{
    /// <summary>Overrides the search with a directory that holds initdb and pg_ctl.</summary>
    public const string BinVariable = "VIDEOLANG_PG_BIN";

    private const string DebianRoot = "/usr/lib/postgresql";

    public static string FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(BinVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!HasServerPrograms(fromEnvironment))
            {
                throw new InvalidOperationException(
                    $"{BinVariable}={fromEnvironment} does not contain initdb and pg_ctl; point it at the PostgreSQL server bin directory or unset it.");
            }

            return fromEnvironment;
        }

        // Debian keeps one directory per major version side by side; the newest one is what a fresh
        // `apt-get install postgresql` brings.
        var candidates = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(version => (Major: int.TryParse(Path.GetFileName(version), out var major) ? major : -1, Bin: Path.Combine(version, "bin")))
                .Where(candidate => candidate.Major >= 0 && HasServerPrograms(candidate.Bin))
                .OrderByDescending(candidate => candidate.Major)
                .Select(candidate => candidate.Bin)
            : [];

        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"PostgreSQL server programs (initdb, pg_ctl) not found under {DebianRoot}/*/bin; install the postgresql package (ops/setup.sh) or set {BinVariable}.");
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
