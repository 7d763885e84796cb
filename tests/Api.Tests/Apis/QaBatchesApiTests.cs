using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Apis;

public sealed class QaBatchesApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Submit_AnswersEveryQuestionWithScoreAndClipEvidence_WhenTheVideosAreReady()
    {
        var tenant = await server.NewTenantAsync();
        var videos = await tenant.IngestAsync(server, server.Model.Videos.Take(2).Select(v => v.Path));
        var questions = server.Model.Videos.Take(2).Zip(videos)
            .SelectMany(p => p.First.Questions.Select(q => new { video_id = p.Second.Id, question = q.Question, options = (string[]?)null }))
            .Append(new { video_id = videos[0].Id, question = "what shape is it?", options = (string[]?)["circle", "square", "triangle"] })
            .ToArray();

        using var response = await tenant.Writer.PostAsync("/v1/qa/batches", Json(questions));

        var accepted = await response.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);
        Assert.Equal($"/v1/qa/batches/{accepted.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((questions.Length, 0), (accepted.ItemCount, accepted.Answered));
        Assert.NotNull(accepted.JobId);
        var done = await tenant.Reader.WaitForBatchAsync(accepted.Id, server, tenant.Name);
        Assert.Equal((QaBatchStatus.Completed, questions.Length, 0, 0, 100.0), (done.Status, done.Answered, done.Failed, done.Pending, done.Percent));

        var answers = await ReadAllItemsAsync(tenant, accepted.Id, pageSize: 4);
        Assert.Equal(Enumerable.Range(0, questions.Length), answers.Select(a => a.Ordinal));
        Assert.All(answers, a =>
        {
            Assert.Equal(QaItemStatus.Answered, a.Status);
            Assert.False(string.IsNullOrEmpty(a.Answer));
            Assert.True(double.IsFinite(a.Score!.Value));
            Assert.Equal(TrainedModel.ClipCount, a.Clips.Count);
            var best = Assert.Single(a.Clips, c => c.Clip == a.Clip);
            Assert.Equal((a.StartSeconds, a.EndSeconds), (best.StartSeconds, best.EndSeconds));
            Assert.True(a.EndSeconds > a.StartSeconds);
            Assert.NotNull(a.AnsweredAt);
        });
        // Open questions are answered from the answer vocabulary with a probability.
        Assert.All(answers.SkipLast(1), a => Assert.InRange(a.Score!.Value, 0, 1));
        Assert.Contains(answers[^1].Answer, (string[])["circle", "square", "triangle"]);
        var job = await tenant.Reader.GetAsync<JobDetails>($"/v1/jobs/{accepted.JobId}");
        Assert.Equal((JobKind.QaBatch, JobStatus.Succeeded), (job.Kind, job.Status));
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("application/jsonl")]
    public async Task Submit_AcceptsTheBatch_WhenTheBodyIsJsonLines(string contentType)
    {
        var tenant = await server.NewTenantAsync();
        var video = (await tenant.IngestAsync(server, [server.Model.Videos[2].Path])).Single();
        var lines = $"{{\"video_id\":\"{video.Id}\",\"question\":\"what colour is the background?\"}}\n\n" +
            $"{{\"video_id\":\"{video.Id}\",\"question\":\"is it moving?\",\"options\":[\"yes\",\"no\"]}}\n";

        using var response = await tenant.Writer.PostAsync("/v1/qa/batches", new StringContent(lines, Encoding.UTF8, contentType));

        var accepted = await response.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);
        Assert.Equal(2, accepted.ItemCount);
        var done = await tenant.Reader.WaitForBatchAsync(accepted.Id, server, tenant.Name);
        Assert.Equal((QaBatchStatus.Completed, 2), (done.Status, done.Answered));
        var answers = await ReadAllItemsAsync(tenant, accepted.Id, pageSize: 10);
        Assert.Equal(["what colour is the background?", "is it moving?"], answers.Select(a => a.Question));
        Assert.Equal(["yes", "no"], answers[1].Options!);
        Assert.Contains(answers[1].Answer, (string[])["yes", "no"]);
    }

    [Theory]
    [InlineData("application/json", "[{\"video_id\": \"", "not a JSON array")]
    [InlineData("application/json", "{\"video_id\": 1}", "not a JSON array")]
    [InlineData("application/json", "[{\"video_id\": 42, \"question\": \"why?\"}]", "wrong type")]
    [InlineData("application/x-ndjson", "{\"video_id\": \"00000000-0000-0000-0000-000000000001\", \"question\": \"why?\"}\n{oops}\n", "Line 2")]
    public async Task Submit_Returns400Problem_WhenTheJsonIsMalformed(string contentType, string body, string says)
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Writer.PostAsync("/v1/qa/batches", new StringContent(body, Encoding.UTF8, contentType));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("urn:videolang:problem:malformed-json", problem.GetProperty("type").GetString());
        Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoBatchesAsync(tenant);
    }

    [Fact]
    public async Task Submit_Returns422_WhenAQuestionIsAboutAVideoTheTenantDoesNotHave()
    {
        var owner = await server.NewTenantAsync();
        var stranger = await server.NewTenantAsync();
        var video = await owner.Writer.UploadNewAsync(server.Model.Videos[3].Path);

        using var response = await stranger.Writer.PostAsync("/v1/qa/batches", Json(new[] { new { video_id = video.Id, question = "what colour?" } }));
        using var empty = await stranger.Writer.PostAsync("/v1/qa/batches", Json(Array.Empty<object>()));
        using var noId = await stranger.Writer.PostAsync("/v1/qa/batches", Json(new[] { new { question = "what colour?" } }));

        Assert.Contains("does not exist", (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await empty.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("video_id", (await noId.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoBatchesAsync(stranger);
    }

    [Fact]
    public async Task Submit_Returns415_WhenTheBodyIsNeitherJsonNorJsonLines()
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Writer.PostAsync("/v1/qa/batches", new StringContent("video,question", Encoding.UTF8, "text/csv"));

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/x-ndjson", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_CreatesOneBatchAndOneJob_WhenTheSameIdempotencyKeyIsSentTwice()
    {
        var tenant = await server.NewTenantAsync();
        var video = await tenant.Writer.UploadNewAsync(server.Model.Videos[4].Path);
        var body = new[] { new { video_id = video.Id, question = "what colour is the background?" } };

        var first = await SubmitAsync(tenant, body, "batch-1");
        var second = await SubmitAsync(tenant, body, "batch-1");
        var different = await SubmitAsync(tenant, new[] { new { video_id = video.Id, question = "what shape?" } }, "batch-1");

        var created = await first.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);
        var replayed = await second.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);
        Assert.Equal((created.Id, created.JobId), (replayed.Id, replayed.JobId));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        await different.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        await using var db = server.Db();
        Assert.Equal(1, await db.QaBatches.CountAsync(b => b.Tenant == tenant.Name));
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.Tenant == tenant.Name && j.Kind == JobKind.QaBatch));
    }

    [Fact]
    public async Task Cancel_StopsTheBatchAndKeepsItsAnswers_WhenTheBatchHasNotFinished()
    {
        var tenant = await server.NewTenantAsync();
        var video = (await tenant.IngestAsync(server, [server.Model.Videos[5].Path])).Single();
        var body = Enumerable.Range(0, 3000).Select(i => new { video_id = video.Id, question = $"what colour is the shape {i}?" }).ToArray();
        using var submitted = await tenant.Writer.PostAsync("/v1/qa/batches", Json(body));
        var batch = await submitted.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);

        using var response = await tenant.Writer.PostAsync($"/v1/qa/batches/{batch.Id}/cancel", null);

        var cancelling = await response.ReadAsync<QaBatchProgress>(HttpStatusCode.Accepted);
        Assert.True(cancelling.CancelRequested || cancelling.Status == QaBatchStatus.Completed, $"{cancelling.Status}");
        var settled = await tenant.Reader.WaitForBatchAsync(batch.Id, server, tenant.Name);
        // A 3000-question batch is cancelled long before it completes; what was answered stays answered.
        Assert.Equal(QaBatchStatus.Cancelled, settled.Status);
        Assert.InRange(settled.Answered, 0, 2999);
        var answered = await ReadAllItemsAsync(tenant, batch.Id, pageSize: 100);
        Assert.Equal(settled.Answered, answered.Count(a => a.Status == QaItemStatus.Answered));
        var job = await tenant.Reader.GetAsync<JobDetails>($"/v1/jobs/{batch.JobId}");
        Assert.Equal(JobStatus.Cancelled, job.Status);
    }

    private static StringContent Json<T>(T value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SubmitAsync<T>(TestTenant tenant, T body, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/qa/batches") { Content = Json(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await tenant.Writer.SendAsync(request);
    }

    private static async Task<IReadOnlyList<QaAnswer>> ReadAllItemsAsync(TestTenant tenant, Guid batchId, int pageSize)
    {
        var items = new List<QaAnswer>();
        string? cursor = null;
        do
        {
            var page = await tenant.Reader.GetAsync<Page<QaAnswer>>($"/v1/qa/batches/{batchId}/items?limit={pageSize}{(cursor is null ? "" : $"&cursor={cursor}")}");
            Assert.InRange(page.Items.Count, 0, pageSize);
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return items;
    }

    private async Task AssertNoBatchesAsync(TestTenant tenant)
    {
        await using var db = server.Db();
        Assert.Equal(0, await db.QaBatches.CountAsync(b => b.Tenant == tenant.Name));
    }
}
