using Microsoft.EntityFrameworkCore;
using Npgsql;
using VideoLang.Jobs.Store;
using VideoLang.Tests.Postgres;

namespace VideoLang.Jobs.Tests.Store;

public sealed class MigrationsTests
{
    [Fact]
    public async Task MigrateAsync_AppliesEveryMigrationThenNothing_WhenRunTwice()
    {
        var connectionString = await (await TestPostgresServer.SharedAsync()).CreateDatabaseAsync("migrate_twice");

        var first = await DatabaseMigrator.MigrateAsync(connectionString);
        var before = await SchemaAsync(connectionString, ourTablesOnly: false);
        var second = await DatabaseMigrator.MigrateAsync(connectionString);

        Assert.Equal(["20261125000001_InitialSchema", "20261125000002_QuartzJobStore", "20261125000003_QuartzOptionalColumns", "20261125000004_ModelRolesAndClipEmbeddings", "20261205000005_HangfireJobs", "20261205000007_ClipEmbeddingIds"], first);
        Assert.Empty(second);
        Assert.Equal(before, await SchemaAsync(connectionString, ourTablesOnly: false));
        // Quartz's tables are gone again (jobs run on Hangfire, in its own schema).
        Assert.DoesNotContain(before, line => line.StartsWith("qrtz", StringComparison.Ordinal));
        Assert.Contains(before, line => line.StartsWith("jobs.background_job_id bigint ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigrateAsync_BuildsExactlyTheModelsSchema()
    {
        var server = await TestPostgresServer.SharedAsync();
        var migrated = await server.CreateDatabaseAsync("migrated");
        var fromModel = await server.CreateDatabaseAsync("from_model");

        await DatabaseMigrator.MigrateAsync(migrated);
        await using (var db = new VideoLangDbContext(VideoLangDbContext.OptionsFor(fromModel)))
        {
            // EF Core's own DDL for the model; the hand-written migrations must match it line for line.
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await SchemaAsync(fromModel, ourTablesOnly: true);
        var actual = await SchemaAsync(migrated, ourTablesOnly: true);
        Assert.Equal(string.Join("\n", expected), string.Join("\n", actual));
    }

    [Fact]
    public async Task MigrateAsync_AppliesOnce_WhenProcessesStartTogether()
    {
        var connectionString = await (await TestPostgresServer.SharedAsync()).CreateDatabaseAsync("migrate_together");

        var applied = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => DatabaseMigrator.MigrateAsync(connectionString))));

        Assert.Equal(6, applied.Sum(a => a.Count));
    }

    // Every column (type, nullability, default) and every index and constraint, one sorted line each.
    private static async Task<List<string>> SchemaAsync(string connectionString, bool ourTablesOnly)
    {
        var filter = ourTablesOnly ? "AND table_name NOT LIKE 'qrtz%' AND table_name NOT LIKE '\\_\\_%'" : "";
        var sql = $"""
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || COALESCE(udt_name, '') || ' ' || is_nullable || ' ' || COALESCE(column_default, '') || ' ' || COALESCE(is_identity, '')
            FROM information_schema.columns WHERE table_schema = 'public' {filter}
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' {filter.Replace("table_name", "tablename", StringComparison.Ordinal)}
            UNION ALL
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace {(ourTablesOnly ? "AND conrelid::regclass::text NOT LIKE 'qrtz%' AND conrelid::regclass::text NOT LIKE '\\_\\_%'" : "")}
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }
}
