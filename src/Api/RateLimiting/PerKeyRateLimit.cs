using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VideoLang.Api.Auth;
using VideoLang.Api.Hosting;
using VideoLang.Api.Problems;

namespace VideoLang.Api.RateLimiting;

/// <summary>
/// One fixed one-minute window of <see cref="ApiOptions.RateLimitPerMinute"/> requests per API key, for
/// the /v1 endpoints. A key over its limit gets 429 with <c>Retry-After</c> (seconds until its window
/// resets); other keys are unaffected. Health checks and the OpenAPI document are not limited.
/// </summary>
internal static class PerKeyRateLimit
{
    public const string Policy = "per-api-key";

    public static IServiceCollection AddPerKeyRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(Policy, Partition);
        });

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        // Authorization runs first, so every request that gets here has a key; the fallback only
        // guards an endpoint that was mapped without RequireAuthorization.
        var key = http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim);
        if (key is null)
        {
            return RateLimitPartition.GetNoLimiter("anonymous");
        }
        var permits = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimitPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        seconds = Math.Max(1, seconds);
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var permits = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimitPerMinute;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PerKeyRateLimit));
        Log.RateLimited(logger, http.User.FindFirstValue(ApiKeyDefaults.KeyIdClaim) ?? "anonymous", permits);
        await ProblemResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests,
            $"This API key made more than {permits} requests in a minute. Wait {seconds} s (Retry-After) and send fewer requests, or ask for a higher Api:RateLimitPerMinute.",
            ProblemTypes.RateLimited, new Dictionary<string, object?> { ["retry_after_seconds"] = seconds });
    }
}
