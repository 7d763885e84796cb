using System.Net;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Health;

/// <summary>A fresh installation before any model is registered: the API says what is missing instead of failing obscurely.</summary>
public sealed class ModelHealthCheckTests(ModelLessServer server) : IClassFixture<ModelLessServer>
{
    [Fact]
    public async Task Readyz_Returns503ProblemNamingTheModel_WhenNoModelIsActive()
    {
        using var client = server.Client();

        using var response = await client.GetAsync("/readyz");

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("No model is active", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("healthy", problem.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("unhealthy", problem.GetProperty("checks").GetProperty("model").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Search_Returns409ProblemSayingHowToActivateOne_WhenNoEmbedderIsActive()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Reader.GetAsync("/v1/search?q=a%20red%20circle");

        // Not a fault that goes away by retrying: an administrator has to activate an embedder.
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("vlang models import", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("urn:videolang:problem:model-role", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Upload_IsAcceptedAndItsJobSaysWhy_WhenNoModelIsActive()
    {
        var tenant = await server.NewTenantAsync();

        var video = await tenant.Writer.UploadNewAsync(server.Model.Videos[0].Path);

        Assert.Equal(VideoStatus.Pending, video.Status);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        JobDetails job;
        do
        {
            await Task.Delay(200);
            job = await tenant.Reader.GetAsync<JobDetails>(video.Links.Job!);
        }
        while (job.LastError is null && DateTime.UtcNow < deadline);
        Assert.Contains("No model is active", job.LastError, StringComparison.Ordinal);
        Assert.NotEqual(JobStatus.Succeeded, job.Status);
    }
}
