using System.Net;
using System.Net.Http.Headers;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Apis;

public sealed class ContentApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Content_ServesTheStoredBytes_Whole_AsTheProbedContainersTypeWithAStrongETag()
    {
        var (tenant, video, bytes) = await ReadyVideoAsync(0);

        using var response = await tenant.Reader.GetAsync($"/v1/videos/{video.Id}/content");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{video.Metadata.Sha256}\"", response.Headers.ETag?.Tag);
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Contains("bytes", response.Headers.AcceptRanges);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("first")]
    [InlineData("middle")]
    [InlineData("last")]
    public async Task Content_Answers206WithExactlyTheBytesAsked_WhenARangeIsGiven(string where)
    {
        var (tenant, video, bytes) = await ReadyVideoAsync(0);
        var (from, to) = where switch
        {
            "first" => (0, 99),
            "middle" => (bytes.Length / 2, bytes.Length / 2 + 999),
            _ => (bytes.Length - 100, bytes.Length - 1),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{video.Id}/content");
        request.Headers.Range = where == "last" ? new RangeHeaderValue(null, 100) : new RangeHeaderValue(from, to);

        using var response = await tenant.Reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var range = response.Content.Headers.ContentRange!;
        Assert.Equal((from, to, bytes.Length), (range.From, range.To, range.Length));
        Assert.Equal(bytes[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Content_Answers416WithTheLength_WhenTheRangeStartsPastTheEnd()
    {
        var (tenant, video, bytes) = await ReadyVideoAsync(0);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{video.Id}/content");
        request.Headers.Range = new RangeHeaderValue(bytes.Length, null);

        using var response = await tenant.Reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{bytes.Length}", response.Content.Headers.GetValues("Content-Range").Single());
    }

    [Fact]
    public async Task Content_Answers304_WhenTheClientHasTheETag()
    {
        var (tenant, video, _) = await ReadyVideoAsync(0);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/videos/{video.Id}/content");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{video.Metadata.Sha256}\""));

        using var response = await tenant.Reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ContentClipsAndThumbnails_Answer404_ForAnotherTenantsVideo()
    {
        var (_, video, _) = await ReadyVideoAsync(1);
        var other = await server.NewTenantAsync();

        foreach (var path in new[] { "content", "clips", "clips/0/thumbnail" })
        {
            using var response = await other.Admin.GetAsync($"/v1/videos/{video.Id}/{path}");
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Thumbnail_IsAJpegOfTheClipMadeOnceThenServedFromTheCache()
    {
        var (tenant, video, _) = await ReadyVideoAsync(2);
        var clips = await tenant.Reader.GetAsync<ClipSummary[]>($"/v1/videos/{video.Id}/clips");
        Assert.Equal(TrainedModel.ClipCount, clips.Length);
        Assert.Equal(Enumerable.Range(0, clips.Length), clips.Select(c => c.Clip));
        Assert.All(clips, c => Assert.InRange(c.ThumbnailSeconds, c.StartSeconds, c.EndSeconds));
        var thumbnail = clips[1].Thumbnail;

        using var first = await tenant.Reader.GetAsync(thumbnail);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/jpeg", first.Content.Headers.ContentType?.MediaType);
        var jpeg = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        var cached = Assert.Single(Directory.GetFiles(Path.Combine(server.StorageDirectory, "thumbnails"), $"{video.Metadata.Sha256}-*.jpg", SearchOption.AllDirectories),
            f => new FileInfo(f).Length == jpeg.Length && File.ReadAllBytes(f).SequenceEqual(jpeg));

        // What the cache holds is what is served: ffmpeg does not run again.
        byte[] marker = [0xFF, 0xD8, 0xFF, 0xD9];
        await File.WriteAllBytesAsync(cached, marker);
        using var second = await tenant.Reader.GetAsync(thumbnail);
        Assert.Equal(marker, await second.Content.ReadAsByteArrayAsync());

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, thumbnail);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var notModified = await tenant.Reader.SendAsync(revalidate);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Thumbnail_Answers404ThatNamesTheClipList_WhenTheClipDoesNotExist()
    {
        var (tenant, video, _) = await ReadyVideoAsync(2);

        using var response = await tenant.Reader.GetAsync($"/v1/videos/{video.Id}/clips/{TrainedModel.ClipCount}/thumbnail");

        var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("/clips", problem.GetProperty("detail").GetString());
    }

    private async Task<(TestTenant Tenant, VideoDetails Video, byte[] Bytes)> ReadyVideoAsync(int index)
    {
        var tenant = await server.NewTenantAsync();
        var path = server.Model.Videos[index].Path;
        var video = Assert.Single(await tenant.IngestAsync(server, [path]));
        return (tenant, video, await File.ReadAllBytesAsync(path));
    }
}
