using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Access;

/// <summary>
/// API keys: 256 random bits shown once as <c>vl_...</c>; only their SHA-256 is stored (a fast hash is
/// enough for secrets with this much entropy, and it makes the lookup an index seek). Scopes are
/// read, write and admin; admin implies the other two, write implies read.
/// </summary>
public sealed class ApiKeys(IDbContextFactory<VideoLangDbContext> contexts, TimeProvider time)
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";
    public static readonly IReadOnlyList<string> AllScopes = [Read, Write, Admin];

    private const string SecretPrefix = "vl_";

    public async Task<CreatedApiKey> CreateAsync(string tenant, string name, IReadOnlyCollection<string> scopes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(scopes);
        if (scopes.Count == 0 || scopes.Any(s => !AllScopes.Contains(s)))
        {
            throw new ArgumentException($"Scopes must be some of {string.Join(", ", AllScopes)}; got '{string.Join(",", scopes)}'.", nameof(scopes));
        }
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            Tenant = tenant,
            Name = name,
            KeyHash = Hash(secret),
            Prefix = secret[..10],
            Scopes = scopes.Distinct().ToArray(),
            CreatedAt = time.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>The live key with this secret, or null.</summary>
    public async Task<ApiKey?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || !secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var hash = Hash(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
    }

    /// <summary>Every key, or only <paramref name="tenant"/>'s, oldest first, revoked ones included. The rows hold the secret's hash, never the secret.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string? tenant = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = db.ApiKeys.AsNoTracking();
        if (tenant is not null)
        {
            keys = keys.Where(k => k.Tenant == tenant);
        }
        return await keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Revokes the key with this id, whatever its tenant (the operator's command; the API's callers use the
    /// tenant-scoped overload). Requests with it fail from the next one on: every request looks its key up.
    /// Returns the key's row (already revoked ones keep their first revocation time), or null when there is none.
    /// </summary>
    public async Task<ApiKey?> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.ApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken);
        return await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
    }

    public async Task<bool> RevokeAsync(string tenant, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.Id == id && k.Tenant == tenant && k.RevokedAt == null)
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now), cancellationToken) > 0;
    }

    /// <summary>Whether <paramref name="key"/> grants <paramref name="scope"/>: admin implies write, write implies read.</summary>
    public static bool Grants(ApiKey key, string scope)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Scopes.Contains(Admin) || key.Scopes.Contains(scope) || (scope == Read && key.Scopes.Contains(Write));
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
