using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Inference;

namespace VideoLang.Api.Tests.Apis;

/// <summary>
/// A search while the model runner is held by background work (an ingest batch stands in: a call blocked
/// on a gate the test opens) gets 503 with Retry-After and a problem that says the model is busy, and
/// searches again once the runner is free.
/// </summary>
public sealed class BusyModelTests(BusyModelServer server) : IClassFixture<BusyModelServer>
{
    [Fact]
    public async Task Search_Returns503ModelBusyWithRetryAfter_WhenBackgroundWorkHoldsTheModelPastTheWait()
    {
        var tenant = await server.NewTenantAsync();
        var runner = server.Services.GetRequiredService<ModelRunner>();
        var model = await server.Services.GetRequiredService<ModelCatalog>().GetActiveAsync();
        using var held = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var background = runner.RunAsync(model, m =>
        {
            held.Set();
            return release.Wait(TimeSpan.FromMinutes(2));
        });
        Assert.True(held.Wait(TimeSpan.FromMinutes(2)), "The runner never started the background call.");

        HttpResponseMessage busy;
        try
        {
            busy = await tenant.Reader.GetAsync("/v1/search?q=a%20red%20circle");
        }
        finally
        {
            release.Set();
        }
        Assert.True(await background, "The background call was not released by the test.");
        var results = await tenant.Reader.GetAsync<SearchResults>("/v1/search?q=a%20red%20circle");

        using (busy)
        {
            var problem = await busy.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.EndsWith("model-busy", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("The model is busy", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        }
        Assert.Empty(results.Results);
    }
}
