using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace VideoLang.Api.Auth;

/// <summary>
/// How a browser's <c>&lt;video&gt;</c> and <c>&lt;img&gt;</c> elements authenticate: they cannot send an
/// <c>Authorization</c> header, so signing in to the web page (<c>POST /v1/session</c> with the key) also
/// sets an HttpOnly, SameSite=Strict cookie holding the key, limited to <see cref="CookiePath"/>. Only the
/// endpoints that require <see cref="Policy"/> (a video's content and its clips' thumbnails, both reads)
/// accept it; everything else still needs the header. A request with a header is judged by the header.
/// </summary>
internal static class MediaCookie
{
    public const string Name = "vl_media";

    /// <summary>The cookie goes only with requests under the videos' path: the content and thumbnails.</summary>
    public const string CookiePath = "/v1/videos";

    public const string Scheme = "MediaCookie";

    /// <summary>The scheme the media endpoints authenticate with: the header when there is one, else the cookie.</summary>
    public const string HeaderOrCookieScheme = "ApiKeyOrMediaCookie";

    /// <summary>Read scope, by header or cookie.</summary>
    public const string Policy = "read-media";

    public static AuthenticationBuilder AddMediaCookie(this AuthenticationBuilder builder) =>
        builder
            .AddScheme<AuthenticationSchemeOptions, MediaCookieAuthenticationHandler>(Scheme, options => options.ForwardForbid = ApiKeyDefaults.Scheme)
            .AddPolicyScheme(HeaderOrCookieScheme, displayName: null, options => options.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count == 0 && http.Request.Cookies.ContainsKey(Name) ? Scheme : ApiKeyDefaults.Scheme);

    public static AuthorizationBuilder AddMediaPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(HeaderOrCookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyDefaults.ScopeClaim, Scopes.Read));

    /// <summary>The cookie's attributes: script cannot read it, other sites' pages cannot make the browser send it, and it dies with the browser session.</summary>
    public static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = CookiePath,
        IsEssential = true,
    };
}
