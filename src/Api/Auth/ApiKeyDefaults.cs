namespace VideoLang.Api.Auth;

/// <summary>The API-key authentication scheme and the claims it puts on the caller.</summary>
internal static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>The tenant every query of the request is filtered by.</summary>
    public const string TenantClaim = "tenant";

    /// <summary>The key's id: the rate limiter's partition.</summary>
    public const string KeyIdClaim = "key_id";

    /// <summary>One claim per scope the key grants, implied ones included (admin ⊇ write ⊇ read).</summary>
    public const string ScopeClaim = "scope";
}
