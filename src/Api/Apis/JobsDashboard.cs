using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using VideoLang.Api.Auth;

namespace VideoLang.Api.Apis;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c> (queues, running and failed jobs with their exceptions,
/// retries, worker processes), for admin API keys only: the admin policy answers 401/403 problems as
/// every endpoint does, and the dashboard's own filter checks the same scope.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder routes)
    {
        // REVIEW: the key travels in the Authorization header, which a browser does not add by itself
        // (the dashboard's pages and its polling requests need it too): open it through something that
        // sends the header, such as a reverse proxy or a header extension.
        routes.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminKeyDashboardAuthorization()],
            DashboardTitle = "VideoLang jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Scopes.Admin);
        return routes;
    }
}
