using System.Net;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Apis;

/// <summary>Hangfire's dashboard at /admin/jobs: admin API keys only.</summary>
public sealed class JobsDashboardTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/jobs/enqueued")]
    [InlineData("/admin/jobs/servers")]
    public async Task Dashboard_Returns401Problem_WhenThereIsNoKey(string path)
    {
        using var client = server.Client();

        using var response = await client.GetAsync(path);

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("/admin/jobs")]
    [InlineData("/admin/jobs/jobs/enqueued")]
    public async Task Dashboard_Returns403Problem_WhenTheKeyIsNotAdmin(string path)
    {
        var tenant = await server.NewTenantAsync();

        using var read = await tenant.Reader.GetAsync(path);
        using var write = await tenant.Writer.GetAsync(path);

        var problem = await read.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await write.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Dashboard_IsServed_WhenTheKeyIsAdmin()
    {
        var tenant = await server.NewTenantAsync();

        using var page = await tenant.Admin.GetAsync("/admin/jobs");
        using var servers = await tenant.Admin.GetAsync("/admin/jobs/servers");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("VideoLang jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // This server runs jobs (Api:RunJobs), so it is listed as one of Hangfire's servers.
        Assert.Equal(HttpStatusCode.OK, servers.StatusCode);
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), await servers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
