using Npgsql;
using VideoLang.Tests.Postgres;

namespace VideoLang.Jobs.Tests.Postgres;

public sealed class TestPostgresServerTests
{
    [Fact]
    public async Task CreateDatabaseAsync_AcceptsQueries_WhenCreated()
    {
        var server = await TestPostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync(nameof(TestPostgresServerTests));

        var version = await ScalarAsync<string>(connectionString, "select version()");

        Assert.Contains("PostgreSQL", version, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateDatabaseAsync_ReturnsDistinctDatabases_WhenCalledTwice()
    {
        var server = await TestPostgresServer.SharedAsync();

        var first = await server.CreateDatabaseAsync("twice");
        var second = await server.CreateDatabaseAsync("twice");

        Assert.NotEqual(first, second);
        Assert.NotEqual(await ScalarAsync<string>(first, "select current_database()"), await ScalarAsync<string>(second, "select current_database()"));
    }

    [Fact]
    public async Task CreateDatabaseAsync_IsolatesTables_WhenTableCreatedInOtherDatabase()
    {
        var server = await TestPostgresServer.SharedAsync();
        var first = await server.CreateDatabaseAsync("isolated");
        var second = await server.CreateDatabaseAsync("isolated");

        await ScalarAsync<int>(first, "create table clips (id int); insert into clips values (1); select count(*)::int from clips");

        Assert.Equal("clips", await ScalarAsync<string>(first, "select to_regclass('clips')::text"));
        Assert.Null(await ScalarAsync<string>(second, "select to_regclass('clips')::text"));
    }

    [Fact]
    public async Task CreateDatabaseAsync_SanitisesName_WhenPrefixHasOtherCharacters()
    {
        var server = await TestPostgresServer.SharedAsync();

        var connectionString = await server.CreateDatabaseAsync("Jobs.Queue-Tests é");

        var database = await ScalarAsync<string>(connectionString, "select current_database()");
        Assert.Matches("^jobs_queue_tests___[0-9]+$", database);
    }

    [Fact]
    public async Task SharedAsync_ReturnsOneServer_WhenCalledTwice()
    {
        var first = await TestPostgresServer.SharedAsync();
        var second = await TestPostgresServer.SharedAsync();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task AdminConnectionString_ConnectsOverLoopbackToPort_WhenServerStarted()
    {
        var server = await TestPostgresServer.SharedAsync();

        Assert.Equal("postgres", await ScalarAsync<string>(server.AdminConnectionString, "select current_database()"));
        Assert.Equal("127.0.0.1", await ScalarAsync<string>(server.AdminConnectionString, "select host(inet_server_addr())"));
        Assert.Equal(server.Port, await ScalarAsync<int>(server.AdminConnectionString, "select inet_server_port()"));
    }

    private static async Task<T?> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? default : (T?)value;
    }
}
