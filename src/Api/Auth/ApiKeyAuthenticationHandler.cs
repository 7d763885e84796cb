using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Access;

namespace VideoLang.Api.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer vl_...</c> against the stored key hashes. The caller gets its
/// tenant, key id and every scope the key grants as claims. Challenges (401) and refusals (403) are
/// problem responses that say what was wrong with the key and which scope the endpoint needs.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrWhiteSpace(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer ' followed by an API key (vl_...).");
        }
        var key = await keys.AuthenticateAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid: it is unknown, mistyped or revoked. Create one with `vlang keys create`.");
        }
        var principal = ApiKeyPrincipal.Create(key, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        // RFC 6750: a bad token says so in the challenge; a missing one gets the bare scheme.
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        var detail = result.Failure?.Message
            ?? "This endpoint needs an API key: send 'Authorization: Bearer vl_...'. Create one with `vlang keys create`.";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, detail, ProblemTypes.Unauthenticated);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        // The scope policies are named after their scope.
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var granted = Context.User.Scopes();
        var has = granted.Count == 0 ? "no scopes" : $"scope {string.Join(", ", granted)}";
        var detail = needed is null
            ? $"This API key ({has}) may not call {Request.Method} {Request.Path}."
            : $"This API key has {has}; {Request.Method} {Request.Path} needs '{needed}'. Use a key that has it (`vlang keys create` makes one).";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status403Forbidden, detail, ProblemTypes.Forbidden);
    }
}
