using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Tests.Fixtures;

namespace VideoLang.Api.Tests.Apis;

public sealed class TagsApiTests(ApiServer server) : IClassFixture<ApiServer>
{
    [Fact]
    public async Task Tags_CountTheTenantsVideosPerLabel_AndTheVideoListFiltersByOne()
    {
        var tenant = await server.NewTenantAsync();
        var videos = await tenant.IngestAsync(server, [server.Model.Videos[0].Path, server.Model.Videos[4].Path]);
        var other = await server.NewTenantAsync();
        await other.IngestAsync(server, [server.Model.Videos[5].Path]);

        // The test server stores every tag whatever its score, so each video has every label: take one off the first.
        var label = videos[1].Tags[0].Label;
        await using (var db = server.Db())
        {
            await db.Tags.Where(t => t.VideoId == videos[0].Id && t.Label == label).ExecuteDeleteAsync();
        }

        var tags = await tenant.Reader.GetAsync<TagCount[]>("/v1/tags");

        var expected = videos.SelectMany(v => v.Tags.Select(t => t.Label)).GroupBy(l => l)
            .ToDictionary(g => g.Key, g => g.Count());
        expected[label] = 1;
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), tags.ToDictionary(t => t.Label, t => t.Videos).OrderBy(e => e.Key, StringComparer.Ordinal));
        var filtered = await tenant.Reader.GetAsync<Page<VideoSummary>>($"/v1/videos?tag={Uri.EscapeDataString(label)}");
        Assert.Equal(videos[1].Id, Assert.Single(filtered.Items).Id);
    }
}
