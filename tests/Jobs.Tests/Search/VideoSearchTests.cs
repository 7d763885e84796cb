using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;

namespace VideoLang.Jobs.Tests.Search;

/// <summary>Search mechanics on a random model: which videos are eligible, evidence and limits. Ranking quality is tested with a trained model in Api.Tests.</summary>
public sealed class VideoSearchTests : JobsDatabase
{
    [Fact]
    public async Task SearchAsync_ReturnsOnlyTheTenantsReadyVideos_WithClipEvidence()
    {
        var services = await WorkerAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var mine = new List<Guid>();
        foreach (var video in Media.Videos.Take(3))
        {
            mine.Add((await library.AddAsync("acme", video, Path.GetFileName(video))).Video.Id);
        }
        var theirs = (await library.AddAsync("globex", Media.Videos[3], "theirs.mp4")).Video.Id;
        await WaitUntilAsync(async db => await db.Videos.CountAsync(v => v.Status == VideoStatus.Ready) == 4, what: "ingest");
        var search = services.GetRequiredService<VideoSearch>();

        var byVideo = await search.SearchAsync("acme", new SearchRequest("a red circle"));
        var byClip = await search.SearchAsync("acme", new SearchRequest("a red circle", Limit: 4, Grouping: SearchGrouping.Clip));
        var firstStageOnly = await search.SearchAsync("acme", new SearchRequest("a red circle", RerankCandidates: 1));

        Assert.Equal(mine.Order(), byVideo.Select(h => h.VideoId).Order());
        Assert.DoesNotContain(byVideo.Concat(byClip), h => h.VideoId == theirs);
        Assert.Equal(byVideo.OrderByDescending(h => h.Score), byVideo);
        Assert.All(byVideo, h =>
        {
            Assert.InRange(h.Score, 0, 1);
            Assert.Equal(2, h.Clips.Count);
            Assert.Equal(h.Clips.MaxBy(c => c.Score)!.Clip, h.Clip);
            Assert.True(h.EndSeconds > h.StartSeconds);
        });
        Assert.Equal(4, byClip.Count);
        Assert.Single(firstStageOnly);
        Assert.Equal(byVideo.MaxBy(h => h.EmbeddingSimilarity)!.VideoId, firstStageOnly[0].VideoId);
        // Stage one's similarities, computed in PostgreSQL, are the dot products of the stored embeddings with the query's.
        var model = await services.GetRequiredService<ModelCatalog>().GetActiveAsync();
        var query = await services.GetRequiredService<ModelRunner>().RunAsync(model, m => m.Predictor.TextEmbedding("a red circle"));
        await using var db = Db();
        var stored = await db.Videos.Where(v => v.Tenant == "acme").ToDictionaryAsync(v => v.Id, v => v.Embedding!);
        Assert.All(byVideo, h => Assert.Equal(stored[h.VideoId].Zip(query, (a, b) => (double)a * b).Sum(), h.EmbeddingSimilarity, 1e-9));
    }

    [Fact]
    public async Task SearchAsync_RefusesEmptyTextAndBadLimits()
    {
        var search = (await ClientAsync()).GetRequiredService<VideoSearch>();

        await Assert.ThrowsAsync<ArgumentException>(() => search.SearchAsync("acme", new SearchRequest(" ")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => search.SearchAsync("acme", new SearchRequest("x", Limit: 0)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => search.SearchAsync("acme", new SearchRequest("x", RerankCandidates: 100_000)));
    }
}
