using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Auth;

public sealed class ApiKeyAuthenticationHandlerTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Theory]
    [InlineData("GET", "/v1/videos")]
    [InlineData("GET", "/v1/search?q=circle")]
    [InlineData("POST", "/v1/qa/batches")]
    [InlineData("GET", "/v1/jobs/00000000-0000-0000-0000-000000000001")]
    public async Task Request_Returns401Problem_WhenItHasNoKey(string method, string path)
    {
        using var client = server.Client();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData("Bearer vl_not-a-real-key")]
    [InlineData("Bearer something-else")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Request_Returns401Problem_WhenTheKeyIsNotValid(string authorization)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/videos");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_Returns403ProblemAndStoresNothing_WhenTheKeyIsReadOnly()
    {
        var tenant = await server.NewTenantAsync();
        var before = server.FilesOnDisk();

        using var response = await tenant.Reader.UploadAsync(server.Model.Videos[0].Path);
        using var list = await tenant.Reader.GetAsync("/v1/videos");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("needs 'write'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(before, server.FilesOnDisk());
        await using var db = server.Db();
        Assert.Equal(0, await db.Videos.CountAsync(v => v.Tenant == tenant.Name));
    }

    [Fact]
    public async Task Request_IsAllowedOrRefusedWith403_ByTheScopesOfTheKey()
    {
        var tenant = await server.NewTenantAsync();
        var video = await tenant.Writer.UploadNewAsync(server.Model.Videos[1].Path);

        using var delete = await tenant.Reader.DeleteAsync($"/v1/videos/{video.Id}");
        using var submit = await tenant.Reader.PostAsync("/v1/qa/batches", new StringContent("[]", Encoding.UTF8, "application/json"));
        using var writerRead = await tenant.Writer.GetAsync($"/v1/videos/{video.Id}");
        using var adminRead = await tenant.Admin.GetAsync($"/v1/videos/{video.Id}");

        await delete.ProblemAsync(HttpStatusCode.Forbidden);
        await submit.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, writerRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminRead.StatusCode);
    }

    [Fact]
    public async Task Request_Returns404_WhenTheResourceBelongsToAnotherTenant()
    {
        var owner = await server.NewTenantAsync();
        var stranger = await server.NewTenantAsync();
        var video = await owner.Writer.UploadNewAsync(server.Model.Videos[2].Path);
        using var submitted = await owner.Writer.PostAsync("/v1/qa/batches",
            new StringContent($"[{{\"video_id\":\"{video.Id}\",\"question\":\"what colour?\"}}]", Encoding.UTF8, "application/json"));
        var batch = await submitted.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);

        foreach (var path in new[] { $"/v1/videos/{video.Id}", $"/v1/jobs/{video.JobId}", $"/v1/qa/batches/{batch.Id}", $"/v1/qa/batches/{batch.Id}/items", $"/v1/jobs/{batch.JobId}" })
        {
            using var read = await stranger.Admin.GetAsync(path);
            var problem = await read.ProblemAsync(HttpStatusCode.NotFound);
            Assert.Contains("for this API key's tenant", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using var delete = await stranger.Admin.DeleteAsync($"/v1/videos/{video.Id}");
        using var cancel = await stranger.Admin.PostAsync($"/v1/qa/batches/{batch.Id}/cancel", null);
        await delete.ProblemAsync(HttpStatusCode.NotFound);
        await cancel.ProblemAsync(HttpStatusCode.NotFound);

        var strangersList = await stranger.Reader.GetAsync<Page<VideoSummary>>("/v1/videos");
        Assert.Empty(strangersList.Items);
        var still = await owner.Reader.GetAsync<VideoDetails>($"/v1/videos/{video.Id}");
        Assert.Equal(video.Id, still.Id);
        var batchNow = await owner.Reader.GetAsync<QaBatchProgress>($"/v1/qa/batches/{batch.Id}");
        Assert.False(batchNow.CancelRequested);
    }

    [Fact]
    public async Task Request_Returns401_WhenTheKeyWasRevoked()
    {
        var tenant = await server.NewTenantAsync();
        var keys = (VideoLang.Jobs.Access.ApiKeys)server.Services.GetService(typeof(VideoLang.Jobs.Access.ApiKeys))!;
        var created = await keys.CreateAsync(tenant.Name, "short-lived", [VideoLang.Jobs.Access.ApiKeys.Read]);
        using var client = server.Client(created.Secret);
        using var before = await client.GetAsync("/v1/videos");

        await keys.RevokeAsync(tenant.Name, created.Key.Id);
        using var after = await client.GetAsync("/v1/videos");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await after.ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
