using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using VideoLang.Api.Health;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/healthz</c>: the process is up (no checks, for liveness probes). <c>/readyz</c>: the database
/// answers with a current schema and the active model loads (for readiness probes and load balancers).
/// Neither needs an API key.
/// </summary>
internal static class HealthApi
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync });
        routes.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = HealthResponses.WriteAsync });
        return routes;
    }
}
