using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using VideoLang.Api.Problems;

namespace VideoLang.Api.Health;

/// <summary>
/// Health answers as JSON: <c>{"status": "healthy", "checks": {"database": {...}, "model": {...}}}</c>
/// with 200 (also when "degraded": serving, with a warning such as jobs waiting for a worker), or the
/// same checks inside a 503 problem saying which failed and why.
/// </summary>
internal static class HealthResponses
{
    public static async Task WriteAsync(HttpContext http, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(e => e.Key, e => new CheckResult(Status(e.Value.Status), e.Value.Description));
        if (report.Status != HealthStatus.Unhealthy)
        {
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            await http.Response.WriteAsJsonAsync(new Report(Status(report.Status), checks), json, http.RequestAborted);
            return;
        }
        var failing = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description}");
        await ProblemResponses.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, $"Not ready. {string.Join(" ", failing)}",
            ProblemTypes.NotReady, new Dictionary<string, object?> { ["checks"] = checks });
    }

    private static string Status(HealthStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private sealed record Report(string Status, IReadOnlyDictionary<string, CheckResult> Checks);

    private sealed record CheckResult(string Status, string? Description);
}
