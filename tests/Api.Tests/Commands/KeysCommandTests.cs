using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Access;

namespace VideoLang.Api.Tests.Commands;

/// <summary>`vlang keys list` and `vlang keys revoke`, run as a separate process against the server's database.</summary>
public sealed class KeysCommandTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task List_ShowsTheTenantsKeysWithoutTheirSecrets()
    {
        var keys = server.Services.GetRequiredService<ApiKeys>();
        var tenant = $"listed-{Guid.NewGuid():N}";
        var live = await keys.CreateAsync(tenant, "ci", [ApiKeys.Read, ApiKeys.Write]);
        var revoked = await keys.CreateAsync(tenant, "old laptop", [ApiKeys.Admin]);
        await keys.RevokeAsync(revoked.Key.Id);
        await keys.CreateAsync($"other-{Guid.NewGuid():N}", "someone else's", [ApiKeys.Read]);

        var (exitCode, stdout, stderr) = await VlangProcess.RunAsync(server.ConnectionString, "keys", "list", "--tenant", tenant);

        Assert.True(exitCode == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["id", "tenant", "name", "scopes", "prefix", "created", "revoked"], lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.Equal([live.Key.Id.ToString(), tenant, "ci", "read,write", live.Key.Prefix + "..."], lines[1][..5]);
        Assert.Equal("-", lines[1][6]);
        Assert.Equal([revoked.Key.Id.ToString(), tenant, "old laptop", "admin"], lines[2][..4]);
        Assert.NotEqual("-", lines[2][6]);
        foreach (var secret in new[] { live.Secret, revoked.Secret })
        {
            Assert.DoesNotContain(secret[10..], stdout + stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiKeys.Hash(secret), stdout + stderr, StringComparison.Ordinal);
        }
        Assert.Contains("2 key(s)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_MakesTheKeyFailWith401AtOnce()
    {
        var tenant = await server.NewTenantAsync();
        var created = await server.Services.GetRequiredService<ApiKeys>().CreateAsync(tenant.Name, "to revoke", [ApiKeys.Read]);
        using var client = server.Client(created.Secret);
        using var before = await client.GetAsync("/v1/videos");

        var (exitCode, stdout, stderr) = await VlangProcess.RunAsync(server.ConnectionString, "keys", "revoke", created.Key.Id.ToString());
        using var after = await client.GetAsync("/v1/videos");
        using var others = await tenant.Reader.GetAsync("/v1/videos");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"Key {created.Key.Id}", stdout, StringComparison.Ordinal);
        Assert.Contains("is revoked since", stdout, StringComparison.Ordinal);
        var problem = await after.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [Theory]
    [InlineData("not-a-guid", "is not a key id")]
    [InlineData("00000000-0000-0000-0000-000000000001", "There is no API key")]
    public async Task Revoke_FailsWithASentence_WhenTheIdNamesNoKey(string id, string says)
    {
        var (exitCode, _, stderr) = await VlangProcess.RunAsync(server.ConnectionString, "keys", "revoke", id);

        Assert.Equal(1, exitCode);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }
}
