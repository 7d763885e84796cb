using System.Net;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Apis;

public sealed class JobListApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task List_ShowsAnAdminTheTenantsJobsNewestFirst_AndNoOtherTenants()
    {
        var tenant = await server.NewTenantAsync();
        var videos = await tenant.IngestAsync(server, [server.Model.Videos[0].Path, server.Model.Videos[1].Path]);
        var other = await server.NewTenantAsync();
        await other.IngestAsync(server, [server.Model.Videos[2].Path]);

        var jobs = await tenant.Admin.GetAsync<JobDetails[]>("/v1/jobs");
        var succeeded = await tenant.Admin.GetAsync<JobDetails[]>("/v1/jobs?status=succeeded&limit=1");

        Assert.Equal(videos.Select(v => v.Id).Reverse(), jobs.Select(j => j.SubjectId));
        Assert.All(jobs, j => Assert.Equal((JobKind.Ingest, JobStatus.Succeeded, 1), (j.Kind, j.Status, j.History.Count)));
        Assert.Equal(jobs[0].Id, Assert.Single(succeeded).Id);
    }

    [Fact]
    public async Task List_Answers403_ForAWriteKey_And400_ForAnUnknownStatus()
    {
        var tenant = await server.NewTenantAsync();

        using var forbidden = await tenant.Writer.GetAsync("/v1/jobs");
        using var unknown = await tenant.Admin.GetAsync("/v1/jobs?status=done");

        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        var problem = await unknown.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("succeeded", problem.GetProperty("detail").GetString());
    }
}
