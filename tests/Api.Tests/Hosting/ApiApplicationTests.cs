using System.Net;
using System.Text.Json;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Hosting;

/// <summary>What every client meets whatever it calls: health, the OpenAPI document, JSON conventions, problems for unknown paths and methods.</summary>
public sealed class ApiApplicationTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Healthz_Returns200_WhenTheRequestHasNoKey()
    {
        using var client = server.Client();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_Returns200_WhenTheDatabaseAnswersAndTheModelLoads()
    {
        using var client = server.Client();

        using var response = await client.GetAsync("/readyz");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var document = JsonDocument.Parse(body);
        var checks = document.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains("'tiny' is loaded", checks.GetProperty("model").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_ServesTheDocument_WithEveryEndpointAndTheBearerScheme()
    {
        using var client = server.Client();

        using var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Superset(
            new HashSet<string> { "/v1/videos", "/v1/videos/{id}", "/v1/search", "/v1/qa/batches", "/v1/qa/batches/{id}", "/v1/qa/batches/{id}/items", "/v1/qa/batches/{id}/cancel", "/v1/jobs/{id}" },
            paths.ToHashSet());
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var video = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("VideoSummary").GetProperty("properties");
        Assert.True(video.TryGetProperty("original_name", out _), "schemas use the API's snake_case names");
    }

    [Fact]
    public async Task Responses_UseSnakeCaseNamesEnumStringsAndUtcTimestamps()
    {
        var tenant = await server.NewTenantAsync();
        using var upload = await tenant.Writer.UploadAsync(server.Model.Videos[0].Path);

        using var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync());

        var video = body.RootElement;
        Assert.Equal("pending", video.GetProperty("status").GetString());
        Assert.EndsWith("Z", video.GetProperty("created_at").GetString(), StringComparison.Ordinal);
        Assert.True(video.GetProperty("metadata").TryGetProperty("duration_seconds", out _));
        Assert.True(video.TryGetProperty("job_id", out _));
    }

    [Fact]
    public async Task Request_Returns404Problem_WhenNothingIsServedAtThePath()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Reader.GetAsync("/v1/nothing-here");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("/openapi/v1.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_Returns405Problem_WhenThePathDoesNotTakeTheMethod()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Writer.PutAsync("/v1/search", null);

        var problem = await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_Returns400Problem_WhenTheIdIsNotAUuid()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Reader.GetAsync("/v1/videos/not-a-uuid");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("id", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
