using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Inference.Embedding;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Tests.Models;

namespace VideoLang.Jobs.Tests.Serving;

/// <summary>
/// A CLIP-family embedder served on its own (random weights, HuggingFace layout written by the test):
/// import, ingest into clip embeddings, one-stage search with moments and pages, calibrated scores,
/// similar videos, and the refusals that need a cross-encoder.
/// </summary>
public sealed class ClipEmbedderServingTests : JobsDatabase
{
    [Fact]
    public async Task Import_RegistersHuggingFaceClipAsEmbedder_AndIngestStoresOneEmbeddingPerClip()
    {
        var (services, model) = await StartWithClipAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var ids = new List<Guid>();
        foreach (var video in Media.Videos.Take(2))
        {
            ids.Add((await library.AddAsync("acme", video, Path.GetFileName(video))).Video.Id);
        }
        await WaitUntilReadyAsync(2);

        Assert.Equal(ModelKind.ImageText, model.Kind);
        await using (var db = Db())
        {
            var videos = await db.Videos.AsNoTracking().ToListAsync();
            var rows = await db.ClipEmbeddings.AsNoTracking().ToListAsync();
            Assert.All(videos, video =>
            {
                var clips = rows.Where(r => r.VideoId == video.Id).OrderBy(r => r.Clip).ToList();
                // 3-second videos, one clip per second, bounded to 2..3.
                Assert.Equal([0, 1, 2], clips.Select(c => c.Clip));
                Assert.All(clips, c =>
                {
                    Assert.Equal(model.Id, c.ModelId);
                    Assert.Equal("acme", c.Tenant);
                    Assert.Equal(24, c.Embedding.Length);
                    Assert.Equal(1, Math.Sqrt(c.Embedding.Sum(x => (double)x * x)), 4);
                    Assert.True(c.EndSeconds > c.StartSeconds);
                    Assert.NotNull(c.NullMean);
                    Assert.True(c.NullStd > 0);
                });
                Assert.Equal(model.Id, video.EmbedderId);
                Assert.Null(video.ModelId);
                Assert.Null(video.TokenCount);
                var mean = Enumerable.Range(0, 24).Select(i => clips.Average(c => (double)c.Embedding[i])).ToArray();
                var norm = Math.Sqrt(mean.Sum(v => v * v));
                Assert.All(Enumerable.Range(0, 24), i => Assert.Equal(mean[i] / norm, video.Embedding![i], 5));
            });
            Assert.Empty(await db.Clips.ToListAsync());
            Assert.Empty(await db.Tags.ToListAsync());
        }

        // A failed-then-retried video is ingested again: its rows are replaced, never duplicated.
        await using (var db = Db())
        {
            await db.Videos.Where(v => v.Id == ids[0]).ExecuteUpdateAsync(v => v.SetProperty(x => x.Status, VideoStatus.Failed));
        }
        await library.AddAsync("acme", Media.Videos[0], "again.mp4");
        await WaitUntilAsync(async db => await db.Jobs.CountAsync(j => j.Status == JobStatus.Succeeded) == 3, what: "the re-ingest");
        await WaitUntilReadyAsync(2);
        await using (var db = Db())
        {
            Assert.Equal(6, await db.ClipEmbeddings.CountAsync());
        }
    }

    [Fact]
    public async Task Search_IsOneStageWithMomentsPagesAndCalibratedScores_WhenOnlyAnEmbedderIsActive()
    {
        var (services, model) = await StartWithClipAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var mine = new List<Guid>();
        foreach (var video in Media.Videos.Take(3))
        {
            mine.Add((await library.AddAsync("acme", video, Path.GetFileName(video))).Video.Id);
        }
        var theirs = (await library.AddAsync("globex", Media.Videos[3], "theirs.mp4")).Video.Id;
        await WaitUntilReadyAsync(4);
        var search = services.GetRequiredService<VideoSearch>();

        var page = await search.SearchPageAsync("acme", new SearchRequest("a red circle", Moments: 2));
        Assert.Equal(0, page.Reranked);
        Assert.Equal("tiny-clip", page.Embedder);
        Assert.Null(page.NextPageToken);
        Assert.Equal(mine.Order(), page.Hits.Select(h => h.VideoId).Order());
        Assert.All(page.Hits, h =>
        {
            Assert.Equal(2, h.Clips.Count);
            Assert.Equal(h.Clips[0].Clip, h.Clip);
            Assert.Equal(h.Clips[0].Score, h.Score);
            Assert.True(h.Clips[0].Score >= h.Clips[1].Score);
        });

        // Every clip's score is the calibration of its cosine against its stored null statistics.
        var byClip = await search.SearchAsync("acme", new SearchRequest("a red circle", Limit: 100, Grouping: SearchGrouping.Clip));
        Assert.Equal(9, byClip.Count);
        Assert.DoesNotContain(byClip, h => h.VideoId == theirs);
        var query = await services.GetRequiredService<ModelRunner>().RunAsync(model, m => m.Embedder.EmbedTexts(["a red circle"])[0]);
        await using (var db = Db())
        {
            var rows = await db.ClipEmbeddings.AsNoTracking().Where(c => c.Tenant == "acme").ToListAsync();
            Assert.All(byClip, h =>
            {
                var row = rows.Single(r => r.VideoId == h.VideoId && r.Clip == h.Clip);
                var cosine = ClipEmbedder.Dot(query, row.Embedding);
                Assert.Equal(cosine, h.EmbeddingSimilarity, 9);
                var z = (cosine - row.NullMean!.Value) / row.NullStd!.Value;
                Assert.Equal(1 / (1 + Math.Exp(-ScoreCalibration.NullSlope * (z - ScoreCalibration.NullOffset))), h.Score, 9);
            });
        }

        // Pages of one visit every video once, in score order.
        var seen = new List<SearchHit>();
        string? token = null;
        do
        {
            var next = await search.SearchPageAsync("acme", new SearchRequest("a red circle", Limit: 1, PageToken: token));
            seen.AddRange(next.Hits);
            token = next.NextPageToken;
        }
        while (token is not null);
        Assert.Equal(page.Hits.Select(h => h.VideoId), seen.Select(h => h.VideoId));
        await Assert.ThrowsAsync<ArgumentException>(() => search.SearchPageAsync("acme", new SearchRequest("x", PageToken: "not-a-token")));

        // Texts about nothing in the library: a random model's cosines are all alike, but measured
        // against each clip's null they are unremarkable, so nothing scores near 1 and a threshold removes them.
        foreach (var text in new[] { "a mountain lake", "a city at night" })
        {
            var unrelated = await search.SearchAsync("acme", new SearchRequest(text, Limit: 100, Grouping: SearchGrouping.Clip));
            Assert.All(unrelated, h => Assert.True(h.Score < 0.5, $"'{text}' scored {h.Score:F3} (cosine {h.EmbeddingSimilarity:F3})"));
            Assert.Empty(await search.SearchAsync("acme", new SearchRequest(text, MinScore: 0.5)));
        }

        // Only an embedder: re-ranking and questions are refused with a reason, nothing stored.
        var rerank = await Assert.ThrowsAsync<ModelRoleException>(() => search.SearchAsync("acme", new SearchRequest("a red circle", RerankCandidates: 5)));
        Assert.Contains("cross-encoder", rerank.Message, StringComparison.Ordinal);
        var qa = await Assert.ThrowsAsync<ModelRoleException>(() => services.GetRequiredService<QaBatches>().SubmitAsync("acme", [new QaQuestion(mine[0], "what colour?")]));
        Assert.Contains("No question-answering model is active", qa.Message, StringComparison.Ordinal);
        await using (var db = Db())
        {
            Assert.Empty(await db.QaBatches.ToListAsync());
        }
    }

    [Fact]
    public async Task Similar_RanksAReencodedCopyFirst_AndRefusesWhatItCannotAnswer()
    {
        var (services, _) = await StartWithClipAsync();
        var library = services.GetRequiredService<VideoLibrary>();
        var source = (await library.AddAsync("acme", Media.Videos[0], "source.mp4")).Video.Id;
        var copy = (await library.AddAsync("acme", await ReencodeAsync(Media.Videos[0]), "copy.mp4")).Video.Id;
        foreach (var video in Media.Videos.Skip(1).Take(3))
        {
            await library.AddAsync("acme", video, Path.GetFileName(video));
        }
        var other = (await library.AddAsync("globex", Media.Videos[4], "theirs.mp4")).Video.Id;
        await WaitUntilReadyAsync(6);
        var similar = services.GetRequiredService<SimilarVideos>();

        var nearest = await similar.FindAsync("acme", source, clip: null);
        Assert.Equal(copy, nearest![0].VideoId);
        Assert.DoesNotContain(nearest, h => h.VideoId == source || h.VideoId == other);
        Assert.Equal(nearest.OrderByDescending(h => h.Score), nearest);
        var fromClip = await similar.FindAsync("acme", source, clip: 1, grouping: SearchGrouping.Clip);
        // The clips of a 3-second video overlap (3 frames at 1 fps each), so the nearest moment is the copy's or the source's own.
        Assert.NotNull(fromClip);
        Assert.Contains(fromClip[0].VideoId, new[] { source, copy });
        Assert.Contains(fromClip.Take(3), h => h.VideoId == copy && h.Clip == 1);
        Assert.DoesNotContain(fromClip, h => h.VideoId == source && h.Clip == 1);

        Assert.Null(await similar.FindAsync("globex", source, clip: null));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => similar.FindAsync("acme", source, clip: 99));
        await services.GetRequiredService<ModelCatalog>().DeactivateAsync(ModelRole.Embedder);
        await Assert.ThrowsAsync<ModelRoleException>(() => similar.FindAsync("acme", source, clip: null));
        await Assert.ThrowsAsync<ModelRoleException>(() => services.GetRequiredService<VideoSearch>().SearchAsync("acme", new SearchRequest("a red circle")));
    }

    [Fact]
    public async Task Catalog_RefusesUnknownNamesWrongRolesAndForeignFolders_RegisteringNothing()
    {
        var options = TestOptions();
        options.ModelsDirectory = Path.Combine(Scratch, "models");
        var services = await WorkerAsync(options);
        var catalog = services.GetRequiredService<ModelCatalog>();
        var importer = services.GetRequiredService<ModelImporter>();
        var clip = await importer.ImportAsync(EmbedderModels.HuggingFaceClip(Path.Combine(Scratch, "hf-clip")), "tiny-clip");
        Assert.False(clip.Model.Active);
        Assert.Contains("model tensors loaded", clip.Report, StringComparison.Ordinal);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => catalog.ActivateAsync("nope", ModelRole.Embedder));
        var wrongRole = await Assert.ThrowsAsync<ModelRoleException>(() => catalog.ActivateAsync("tiny-clip", ModelRole.CrossEncoder));
        Assert.Contains("cannot be the cross-encoder", wrongRole.Message, StringComparison.Ordinal);
        var empty = Directory.CreateDirectory(Path.Combine(Scratch, "empty")).FullName;
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(empty, "empty"));
        await Assert.ThrowsAsync<ArgumentException>(() => importer.ImportAsync(Media.Videos[0], "video"));
        var broken = EmbedderModels.HuggingFaceClip(Path.Combine(Scratch, "broken"));
        File.WriteAllBytes(Path.Combine(broken, "model.safetensors"), File.ReadAllBytes(Path.Combine(broken, "model.safetensors"))[..1000]);
        await Assert.ThrowsAnyAsync<Exception>(() => importer.ImportAsync(broken, "broken"));

        var models = await catalog.ListAsync();
        Assert.Equal(["test-tiny", "tiny-clip"], models.Select(m => m.Name));
        Assert.Equal([ModelKind.ClipBert, ModelKind.ImageText], models.Select(m => m.Kind));
        // The test model stays active in both roles; the refused activations changed nothing.
        Assert.True(models[0].ActiveEmbedder && models[0].ActiveCrossEncoder);
        Assert.False(models[1].Active);
        Assert.Equal(["tiny-clip"], Directory.GetDirectories(Path.Combine(Scratch, "models")).Select(Path.GetFileName));
    }

    /// <summary>A worker whose clip count follows the duration (one per second, 2 to 3), with the tiny CLIP imported as the only active model.</summary>
    private async Task<(IServiceProvider Services, ModelRecord Model)> StartWithClipAsync()
    {
        var options = TestOptions();
        (options.ClipCount, options.SecondsPerClip, options.MinClips, options.MaxClips) = (null, 1, 2, 3);
        options.ModelsDirectory = Path.Combine(Scratch, "models");
        var services = await WorkerAsync(options);
        var import = await services.GetRequiredService<ModelImporter>().ImportAsync(EmbedderModels.HuggingFaceClip(Path.Combine(Scratch, "hf-clip")), "tiny-clip", activate: true);
        var catalog = services.GetRequiredService<ModelCatalog>();
        await catalog.DeactivateAsync(ModelRole.CrossEncoder);
        Assert.True(import.Model.ActiveEmbedder);
        Assert.False(import.Model.ActiveCrossEncoder);
        Assert.StartsWith(Path.Combine(Scratch, "models"), import.ConvertedTo, StringComparison.Ordinal);
        return (services, import.Model);
    }

    private async Task WaitUntilReadyAsync(int count) =>
        await WaitUntilAsync(async db => await db.Videos.CountAsync(v => v.Status == VideoStatus.Ready) == count, seconds: 180, what: $"{count} ready videos");

    private async Task<string> ReencodeAsync(string source)
    {
        var target = Path.Combine(Scratch, "copy.mp4");
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-y", "-i", source, "-c:v", "libx264", "-crf", "30", "-an", target])
        {
            RedirectStandardError = true,
        })!;
        var error = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, error);
        return target;
    }
}
