namespace VideoLang.Jobs.Store;

/// <summary>
/// An API key of a tenant. Only the SHA-256 of the secret is stored; <see cref="Prefix"/> is the
/// key's first characters, shown to people so they can tell keys apart.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public required string Tenant { get; set; }

    public required string Name { get; set; }

    public required string KeyHash { get; set; }

    public required string Prefix { get; set; }

    /// <summary>Any of "read", "write", "admin".</summary>
    public string[] Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
