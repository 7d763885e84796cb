using System.Security.Claims;
using VideoLang.Jobs.Access;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Auth;

/// <summary>The caller an authenticated key makes: its tenant, key id and every scope it grants, whichever way the key arrived.</summary>
internal static class ApiKeyPrincipal
{
    public static ClaimsPrincipal Create(ApiKey key, string scheme)
    {
        var id = key.Id.ToString();
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, id),
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyDefaults.KeyIdClaim, id),
            new(ApiKeyDefaults.TenantClaim, key.Tenant),
        ];
        claims.AddRange(ApiKeys.AllScopes.Where(scope => ApiKeys.Grants(key, scope)).Select(scope => new Claim(ApiKeyDefaults.ScopeClaim, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
