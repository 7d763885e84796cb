using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Access;

public sealed class ApiKeysTests : JobsDatabase
{
    [Fact]
    public async Task CreateAsync_StoresOnlyTheHash_AndTheSecretAuthenticatesUntilRevoked()
    {
        var keys = (await ClientAsync()).GetRequiredService<ApiKeys>();

        var created = await keys.CreateAsync("acme", "ci", [ApiKeys.Read]);
        var found = await keys.AuthenticateAsync(created.Secret);
        var wrong = await keys.AuthenticateAsync(created.Secret[..^1] + (created.Secret[^1] == 'A' ? 'B' : 'A'));
        var revoked = await keys.RevokeAsync("acme", created.Key.Id);
        var afterRevoke = await keys.AuthenticateAsync(created.Secret);

        Assert.StartsWith("vl_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(created.Key.Id, found!.Id);
        Assert.Equal("acme", found.Tenant);
        Assert.Null(wrong);
        Assert.True(revoked);
        Assert.Null(afterRevoke);
        await using var db = Db();
        var row = await db.ApiKeys.SingleAsync();
        Assert.Equal(ApiKeys.Hash(created.Secret), row.KeyHash);
        Assert.DoesNotContain(created.Secret[10..], row.KeyHash + row.Prefix + row.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("read", "read", true)]
    [InlineData("read", "write", false)]
    [InlineData("write", "read", true)]
    [InlineData("write", "admin", false)]
    [InlineData("admin", "write", true)]
    public void Grants_FollowsTheScopeOrder(string held, string wanted, bool granted)
    {
        var key = new VideoLang.Jobs.Store.ApiKey { Tenant = "t", Name = "n", KeyHash = "h", Prefix = "p", Scopes = [held] };

        Assert.Equal(granted, ApiKeys.Grants(key, wanted));
    }

    [Fact]
    public async Task CreateAsync_RefusesUnknownScopes()
    {
        var keys = (await ClientAsync()).GetRequiredService<ApiKeys>();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => keys.CreateAsync("acme", "x", ["root"]));

        Assert.Contains("read, write, admin", refused.Message, StringComparison.Ordinal);
    }
}
