using System.Net;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Search;
using Xunit.Abstractions;

namespace VideoLang.Api.Tests.Apis;

public sealed class SearchApiTests(ApiServer server, ITestOutputHelper output) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Search_RanksTheUploadedVideoFirst_WhenTheQueryIsItsCaption()
    {
        var model = server.Model;
        output.WriteLine($"Test model: seed {model.Seed}, {model.Epochs} epochs, caption margin {model.Margin:F2}, trained in {model.TrainingTime.TotalSeconds:F0} s.");
        var tenant = await server.NewTenantAsync();
        var videos = await tenant.IngestAsync(server, model.Videos.Select(v => v.Path));

        foreach (var (source, video) in model.Videos.Zip(videos))
        {
            var results = await tenant.Reader.GetAsync<SearchResults>($"/v1/search?q={Uri.EscapeDataString(source.Caption)}");

            Assert.Equal(SearchGrouping.Video, results.GroupBy);
            Assert.Equal(videos.Count, results.Results.Count);
            var top = results.Results[0];
            Assert.True(top.VideoId == video.Id,
                $"'{source.Caption}' ranked {string.Join(", ", results.Results.Select(r => $"{r.OriginalName} {r.Score:F3}"))}");
            Assert.Equal((1, source.FileName), (top.Rank, top.OriginalName));
            Assert.Equal(results.Results.OrderByDescending(r => r.Score).Select(r => r.VideoId), results.Results.Select(r => r.VideoId));
            Assert.InRange(top.Score, 0, 1);
            Assert.Equal(TrainedModel.ClipCount, top.Clips.Count);
            var best = Assert.Single(top.Clips, c => c.Clip == top.Clip);
            Assert.Equal((top.StartSeconds, top.EndSeconds), (best.StartSeconds, best.EndSeconds));
            Assert.Equal(top.Clips.Max(c => c.Score), best.Score);
            Assert.InRange(top.EndSeconds, top.StartSeconds, video.Metadata.DurationSeconds!.Value + 0.01);
            Assert.InRange(top.EmbeddingSimilarity, -1.01, 1.01);
            Assert.Equal($"/v1/videos/{video.Id}", top.Links.Self);
        }
    }

    [Fact]
    public async Task Search_ReturnsOneResultPerClip_WhenGroupedByClip()
    {
        var tenant = await server.NewTenantAsync();
        var videos = await tenant.IngestAsync(server, server.Model.Videos.Take(2).Select(v => v.Path));

        var results = await tenant.Reader.GetAsync<SearchResults>($"/v1/search?q={Uri.EscapeDataString(server.Model.Videos[0].Caption)}&group_by=clip&limit=100&rerank=5");

        Assert.Equal((SearchGrouping.Clip, 5), (results.GroupBy, results.Rerank));
        Assert.Equal(videos.Count * TrainedModel.ClipCount, results.Results.Count);
        Assert.Equal(Enumerable.Range(1, results.Results.Count), results.Results.Select(r => r.Rank));
        Assert.All(results.Results, r => Assert.Equal(r.Score, Assert.Single(r.Clips, c => c.Clip == r.Clip).Score, 6));
        Assert.Equal(
            videos.SelectMany(v => Enumerable.Range(0, TrainedModel.ClipCount).Select(c => (v.Id, c))).Order(),
            results.Results.Select(r => (r.VideoId, r.Clip)).Order());
    }

    [Fact]
    public async Task Search_ReturnsNothing_WhenOnlyAnotherTenantHasMatchingVideos()
    {
        var owner = await server.NewTenantAsync();
        var stranger = await server.NewTenantAsync();
        await owner.IngestAsync(server, [server.Model.Videos[0].Path]);

        var results = await stranger.Reader.GetAsync<SearchResults>($"/v1/search?q={Uri.EscapeDataString(server.Model.Videos[0].Caption)}");

        Assert.Empty(results.Results);
    }

    [Theory]
    [InlineData("", "q is required")]
    [InlineData("q=%20", "q is required")]
    [InlineData("q=circle&limit=0", "limit")]
    [InlineData("q=circle&limit=many", "limit")]
    [InlineData("q=circle&min_score=2", "min_score")]
    [InlineData("q=circle&group_by=scene", "group_by")]
    [InlineData("q=circle&rerank=0", "rerank")]
    public async Task Search_Returns400NamingTheParameter_WhenAParameterIsInvalid(string query, string named)
    {
        var tenant = await server.NewTenantAsync();

        using var response = await tenant.Reader.GetAsync($"/v1/search?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
