using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Access;

namespace VideoLang.Api.Auth;

/// <summary>
/// Authenticates the key in the <see cref="MediaCookie.Name"/> cookie exactly as the header's key is
/// authenticated (a revoked key stops working at once); see <see cref="MediaCookie"/> for where it is accepted.
/// </summary>
internal sealed class MediaCookieAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiKeys keys) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(MediaCookie.Name, out var secret) || string.IsNullOrWhiteSpace(secret))
        {
            return AuthenticateResult.NoResult();
        }
        var key = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("The API key this browser signed in with is no longer valid (revoked or unknown). Sign in again with a valid key.")
            : AuthenticateResult.Success(new AuthenticationTicket(ApiKeyPrincipal.Create(key, Scheme.Name), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure?.Message
            ?? "This endpoint needs an API key: send 'Authorization: Bearer vl_...', or sign in to the web page.";
        await ProblemResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, detail, ProblemTypes.Unauthenticated);
    }
}
