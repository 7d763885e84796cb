using System.Security.Claims;

namespace VideoLang.Api.Auth;

/// <summary>What an endpoint needs to know about an authenticated caller.</summary>
internal static class CallerClaims
{
    /// <summary>The caller's tenant; every row an endpoint reads or writes is filtered by it.</summary>
    public static string Tenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyDefaults.TenantClaim)
        ?? throw new InvalidOperationException("The endpoint ran without an authenticated API key; it is missing RequireAuthorization.");

    /// <summary>The scopes the caller's key grants, implied ones included.</summary>
    public static IReadOnlyList<string> Scopes(this ClaimsPrincipal user) =>
        user.FindAll(ApiKeyDefaults.ScopeClaim).Select(c => c.Value).ToArray();
}
