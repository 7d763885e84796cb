using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Library;
using VideoLang.Jobs.Search;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.Tests.Fixtures;
using VideoLang.Tests.Models;

namespace VideoLang.Jobs.Tests.Serving;

/// <summary>
/// The registry's pretrained ImageNet ResNet-18 (converted from the NuGet packages) as an image-only
/// embedder, on real footage: a clip of a real video finds another clip of the same video first.
/// </summary>
public sealed class RegistryEmbedderTests : JobsDatabase
{
    [Fact]
    public async Task Similar_RanksAnotherClipOfTheSameRealVideoFirst_WithTheRegistryResNet()
    {
        var options = TestOptions();
        options.ClipCount = null;
        options.ModelsDirectory = Path.Combine(Scratch, "models");
        var services = await WorkerAsync(options);
        var import = await services.GetRequiredService<ModelImporter>().ImportAsync(EmbedderModels.Registry(Path.Combine(Scratch, "resnet18-minilm")), "resnet18", activate: true);
        await services.GetRequiredService<ModelCatalog>().DeactivateAsync(ModelRole.CrossEncoder);
        Assert.Equal(ModelKind.ImageFeatures, import.Model.Kind);
        Assert.True(import.Model.ActiveEmbedder);
        Assert.False(import.Model.ActiveCrossEncoder);
        Assert.Null(import.ConvertedTo);
        Assert.Contains("cnn.backbone.conv1.weight", import.Report, StringComparison.Ordinal);

        var library = services.GetRequiredService<VideoLibrary>();
        var street = (await library.AddAsync("acme", EmbedderModels.Street, "vtest.avi")).Video.Id;
        var tree = (await library.AddAsync("acme", EmbedderModels.Tree, "tree.avi")).Video.Id;
        await WaitUntilAsync(async db => await db.Videos.CountAsync(v => v.Status == VideoStatus.Ready) == 2, seconds: 600, what: "the real videos' ingest");

        await using (var db = Db())
        {
            // One clip per 10 s: 79.5 s gives 8, 29.6 s the minimum of 4; 512-d pooled features.
            Assert.Equal(8, await db.ClipEmbeddings.CountAsync(c => c.VideoId == street));
            Assert.Equal(4, await db.ClipEmbeddings.CountAsync(c => c.VideoId == tree));
            Assert.All(await db.ClipEmbeddings.ToListAsync(), c =>
            {
                Assert.Equal(512, c.Embedding.Length);
                Assert.Null(c.NullMean);
            });
        }
        var similar = services.GetRequiredService<SimilarVideos>();
        foreach (var (video, clips) in new[] { (street, 8), (tree, 4) })
        {
            for (var clip = 0; clip < clips; clip++)
            {
                var hits = await similar.FindAsync("acme", video, clip, limit: 3, grouping: SearchGrouping.Clip);
                Assert.NotNull(hits);
                Assert.True(hits[0].VideoId == video && hits[0].Clip != clip,
                    $"clip {clip} of {(video == street ? "vtest.avi" : "tree.avi")}: nearest was clip {hits[0].Clip} of {(hits[0].VideoId == street ? "vtest.avi" : "tree.avi")} ({hits[0].Score:F3})");
            }
        }
        var byVideo = await similar.FindAsync("acme", street, clip: 2);
        Assert.NotNull(byVideo);
        Assert.Equal([street, tree], byVideo.Select(h => h.VideoId));
        Assert.True(byVideo[0].Score > byVideo[1].Score);

        // No text side: text search is refused with the reason.
        var error = await Assert.ThrowsAsync<ModelRoleException>(() => services.GetRequiredService<VideoSearch>().SearchAsync("acme", new SearchRequest("people walking")));
        Assert.Contains("no text side", error.Message, StringComparison.Ordinal);
    }
}
