using System.Net;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Health;

/// <summary>PostgreSQL away (the way to it cut) and back: the API says so with 503 and Retry-After, then serves again.</summary>
public sealed class DatabaseOutageTests(DatabaseOutageServer server) : IClassFixture<DatabaseOutageServer>
{
    [Fact]
    public async Task Requests_Return503ProblemWithRetryAfter_WhileTheDatabaseIsAway()
    {
        var tenant = await server.NewTenantAsync();
        using (var before = await tenant.Reader.GetAsync("/v1/videos"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await server.Proxy.CutAsync();
        try
        {
            using var list = await tenant.Reader.GetAsync("/v1/videos");
            var problem = await list.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.EndsWith("database-unavailable", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.NotNull(list.Headers.RetryAfter);

            using var content = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(server.Model.Videos[0].Path)), "file", "a.mp4" } };
            using var upload = await tenant.Writer.PostAsync("/v1/videos", content);
            await upload.ProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(upload.Headers.RetryAfter);
        }
        finally
        {
            server.Proxy.Restore();
        }

        using var after = await tenant.Reader.GetAsync("/v1/videos");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
