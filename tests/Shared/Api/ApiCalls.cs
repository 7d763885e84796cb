using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using VideoLang.Api.Contracts;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Tests.Fixtures;

/// <summary>The API as a client calls it: uploads, JSON in the API's own conventions, problems, and waiting for background work.</summary>
public static class ApiCalls
{
    /// <summary>The API's conventions: snake_case names, snake_case enum strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(120);

    /// <summary>POST /v1/videos with the file as the multipart part <c>file</c>, as <c>curl -F file=@path</c> sends it.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string path, string? idempotencyKey = null, string? fileName = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName ?? Path.GetFileName(path));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/videos") { Content = form };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        return await client.SendAsync(request);
    }

    /// <summary>Uploads and expects a new video (202).</summary>
    public static async Task<VideoSummary> UploadNewAsync(this HttpClient client, string path)
    {
        using var response = await client.UploadAsync(path);
        return await response.ReadAsync<VideoSummary>(HttpStatusCode.Accepted);
    }

    /// <summary>Asserts the status and reads the JSON body.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException("The body is the JSON null.");
    }

    public static async Task<T> GetAsync<T>(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadAsync<T>(HttpStatusCode.OK);
    }

    /// <summary>Asserts an RFC 7807 problem with the status and a detail a person can act on; returns the problem's JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        var detail = problem.GetProperty("detail").GetString();
        Assert.True(detail is { Length: > 20 }, $"The problem's detail should tell the caller what to do: {body}");
        return problem;
    }

    /// <summary>Polls the video until ingest has settled (ready or failed).</summary>
    public static async Task<VideoDetails> WaitForVideoAsync(this HttpClient client, Guid id, ApiServer server, string tenant)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (true)
        {
            var video = await client.GetAsync<VideoDetails>($"/v1/videos/{id}");
            if (video.Status is VideoStatus.Ready or VideoStatus.Failed)
            {
                return video;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Video {id} was still {video.Status} after {s_wait.TotalSeconds} s. {await server.DescribeAsync(tenant)}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Uploads the files and waits until every one is ready; returns them in order.</summary>
    public static async Task<IReadOnlyList<VideoDetails>> IngestAsync(this TestTenant tenant, ApiServer server, IEnumerable<string> paths)
    {
        var uploaded = new List<VideoSummary>();
        foreach (var path in paths)
        {
            uploaded.Add(await tenant.Writer.UploadNewAsync(path));
        }
        var ready = new List<VideoDetails>();
        foreach (var video in uploaded)
        {
            var settled = await tenant.Reader.WaitForVideoAsync(video.Id, server, tenant.Name);
            Assert.True(settled.Status == VideoStatus.Ready, $"{settled.OriginalName} failed: {settled.FailureReason}");
            ready.Add(settled);
        }
        return ready;
    }

    /// <summary>Polls the QA batch until it is completed, cancelled or failed.</summary>
    public static async Task<QaBatchProgress> WaitForBatchAsync(this HttpClient client, Guid id, ApiServer server, string tenant)
    {
        var deadline = DateTime.UtcNow + s_wait;
        while (true)
        {
            var batch = await client.GetAsync<QaBatchProgress>($"/v1/qa/batches/{id}");
            if (batch.Status is QaBatchStatus.Completed or QaBatchStatus.Cancelled or QaBatchStatus.Failed)
            {
                return batch;
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"QA batch {id} was still {batch.Status} ({batch.Answered}/{batch.ItemCount}) after {s_wait.TotalSeconds} s. {await server.DescribeAsync(tenant)}");
            }
            await Task.Delay(200);
        }
    }
}
