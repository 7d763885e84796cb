using System.Net;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.RateLimiting;

public sealed class PerKeyRateLimitTests(RateLimitedServer server) : IClassFixture<RateLimitedServer>
{
    [Fact]
    public async Task Request_Returns429WithRetryAfter_WhenAKeyGoesOverItsLimit_AndOtherKeysAreUnaffected()
    {
        var tenant = await server.NewTenantAsync();
        for (var i = 0; i < RateLimitedServer.PerMinute; i++)
        {
            using var allowed = await tenant.Reader.GetAsync("/v1/videos");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await tenant.Reader.GetAsync("/v1/videos");
        using var otherKey = await tenant.Writer.GetAsync("/v1/videos");
        using var health = await tenant.Reader.GetAsync("/healthz");

        var problem = await limited.ProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.Equal((int)retryAfter.Value.TotalSeconds, problem.GetProperty("retry_after_seconds").GetInt32());
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
