using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/session</c>: the web page's sign-in. POST with the key in the header answers who the key is and
/// sets the media cookie (<see cref="MediaCookie"/>) so the page's video player and thumbnails can load;
/// DELETE removes the cookie. The page keeps the key itself in the tab's session storage.
/// </summary>
internal static class SessionApi
{
    private const string BearerPrefix = "Bearer ";

    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/session").WithTags("Session");
        api.MapPost("", SignIn)
            .RequireAuthorization(Scopes.Read)
            .WithName("SignIn")
            .WithSummary("Who the key in the Authorization header is (tenant, name, scopes); also sets the HttpOnly cookie the browser's video player and thumbnails authenticate with.");
        api.MapDelete("", SignOut)
            .AllowAnonymous()
            .WithName("SignOut")
            .WithSummary("Removes the media cookie; 204.");
        return api;
    }

    internal static Ok<SessionInfo> SignIn(HttpContext http, ClaimsPrincipal user)
    {
        // The policy authenticated the header, so it holds a valid key.
        string header = http.Request.Headers.Authorization!;
        http.Response.Cookies.Append(MediaCookie.Name, header[BearerPrefix.Length..].Trim(), MediaCookie.Options(http.Request));
        return TypedResults.Ok(new SessionInfo(user.Tenant(), user.FindFirstValue(ClaimTypes.Name) ?? "", user.Scopes()));
    }

    internal static NoContent SignOut(HttpContext http)
    {
        http.Response.Cookies.Delete(MediaCookie.Name, MediaCookie.Options(http.Request));
        return TypedResults.NoContent();
    }
}
