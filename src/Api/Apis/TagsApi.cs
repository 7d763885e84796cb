using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary><c>/v1/tags</c>: the labels the tenant's videos are tagged with, so a client can offer them as filters (<c>GET /v1/videos?tag=</c>).</summary>
internal static class TagsApi
{
    public static RouteGroupBuilder MapTagsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/tags").WithTags("Videos");
        api.MapGet("", ListAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("ListTags")
            .WithSummary("Every tag label on the tenant's videos with how many videos carry it, most used first.");
        return api;
    }

    internal static async Task<Ok<TagCount[]>> ListAsync(ClaimsPrincipal user, IDbContextFactory<VideoLangDbContext> contexts, CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.Videos.AsNoTracking()
            .Where(v => v.Tenant == tenant)
            .SelectMany(v => v.Tags)
            .GroupBy(t => t.Label)
            .Select(g => new { Label = g.Key, Videos = g.Count() })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(counts.OrderByDescending(c => c.Videos).ThenBy(c => c.Label, StringComparer.Ordinal).Select(c => new TagCount(c.Label, c.Videos)).ToArray());
    }
}
