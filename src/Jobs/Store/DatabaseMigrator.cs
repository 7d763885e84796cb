using Microsoft.EntityFrameworkCore;

namespace VideoLang.Jobs.Store;

/// <summary>
/// Brings a database to the newest schema (VideoLang's tables; Hangfire installs its own schema). Safe to call from
/// every process at start-up: a session advisory lock makes concurrent callers take turns, and
/// applied migrations are recorded, so a second call changes nothing.
/// </summary>
public static class DatabaseMigrator
{
    // An arbitrary constant shared by every VideoLang process ("vlmigrat" in ASCII).
    private const long LockKey = 0x766C6D6967726174;

    /// <summary>Applies pending migrations; returns the ids of those it applied (empty when up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var context = new VideoLangDbContext(VideoLangDbContext.OptionsFor(connectionString));
        await context.Database.OpenConnectionAsync(cancellationToken);
        await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToArray();
            if (pending.Length > 0)
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
            return pending;
        }
        finally
        {
            await context.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }
}
