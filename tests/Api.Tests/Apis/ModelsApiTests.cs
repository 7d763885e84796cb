using System.Net;
using System.Net.Http.Json;
using VideoLang.Api.Contracts;
using VideoLang.Api.Tests.Fixtures;
using VideoLang.Jobs.Store;
using VideoLang.Tests.Models;

namespace VideoLang.Api.Tests.Apis;

/// <summary>
/// Models by role through the admin API, then an imported CLIP-family embedder serving search (re-ranked by
/// the ClipBERT cross-encoder, then alone) and similar videos; every refusal a problem, nothing half-stored.
/// </summary>
public sealed class ModelsApiTests(EmbedderServer server) : IClassFixture<EmbedderServer>
{
    [Fact]
    public async Task ModelsApi_ImportsActivatesAndServesAnEmbedder_AndRefusesWhatItCannotDo()
    {
        var tenant = await server.NewTenantAsync();
        var stranger = await server.NewTenantAsync();
        using (var forbidden = await tenant.Reader.GetAsync("/v1/models"))
        {
            await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        }
        var before = await tenant.Admin.GetAsync<ModelList>("/v1/models");
        Assert.Equal(("tiny", "tiny"), (before.Embedder, before.CrossEncoder));

        // Bad imports: nothing registered, nothing left on disk.
        using (var noPath = await tenant.Admin.PostAsJsonAsync("/v1/models", new { name = "x" }, ApiCalls.Json))
        {
            await noPath.ProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var missing = await tenant.Admin.PostAsJsonAsync("/v1/models", new { path = Path.Combine(server.Scratch, "nowhere") }, ApiCalls.Json))
        {
            await missing.ProblemAsync(HttpStatusCode.BadRequest);
        }
        var broken = EmbedderModels.HuggingFaceClip(Path.Combine(server.Scratch, "broken"));
        File.WriteAllBytes(Path.Combine(broken, "config.json"), "{\"model_type\": \"clip\", \"text_config\": 3}"u8.ToArray());
        using (var wrong = await tenant.Admin.PostAsJsonAsync("/v1/models", new { path = broken }, ApiCalls.Json))
        {
            var problem = await wrong.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("config.json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Single((await tenant.Admin.GetAsync<ModelList>("/v1/models")).Models);
        Assert.False(Directory.Exists(Path.Combine(server.Scratch, "models")) && Directory.EnumerateFileSystemEntries(Path.Combine(server.Scratch, "models")).Any());

        using (var imported = await tenant.Admin.PostAsJsonAsync("/v1/models",
            new { path = EmbedderModels.HuggingFaceClip(Path.Combine(server.Scratch, "hf-clip")), name = "tiny-clip" }, ApiCalls.Json))
        {
            var result = await imported.ReadAsync<ModelImportResult>(HttpStatusCode.Created);
            Assert.Equal((ModelKind.ImageText, false, false), (result.Model.Kind, result.Model.Embedder, result.Model.CrossEncoder));
            Assert.Contains("model tensors loaded", result.Report, StringComparison.Ordinal);
        }
        using (var unknown = await tenant.Admin.PostAsJsonAsync("/v1/models/nope/activate", new { role = "embedder" }, ApiCalls.Json))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound);
        }
        using (var wrongRole = await tenant.Admin.PostAsJsonAsync("/v1/models/tiny-clip/activate", new { role = "cross_encoder" }, ApiCalls.Json))
        {
            var problem = await wrongRole.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("cannot be the cross-encoder", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        using (var activated = await tenant.Admin.PostAsJsonAsync("/v1/models/tiny-clip/activate", new { role = "embedder" }, ApiCalls.Json))
        {
            Assert.True((await activated.ReadAsync<ModelSummary>(HttpStatusCode.OK)).Embedder);
        }
        var roles = await tenant.Admin.GetAsync<ModelList>("/v1/models");
        Assert.Equal(("tiny-clip", "tiny"), (roles.Embedder, roles.CrossEncoder));
        using (var ready = await server.Client().GetAsync("/readyz"))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.True(ready.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("tiny-clip", body, StringComparison.Ordinal);
            Assert.Contains("Cross-encoder", body, StringComparison.Ordinal);
        }

        // Both roles: the embedder's clips, the cross-encoder's tokens; search re-ranks.
        var videos = await tenant.IngestAsync(server, server.Model.Videos.Take(2).Select(v => v.Path));
        var caption = Uri.EscapeDataString(server.Model.Videos[0].Caption);
        var reranked = await tenant.Reader.GetAsync<SearchResults>($"/v1/search?q={caption}");
        Assert.Equal(("tiny-clip", 50), (reranked.Embedder, reranked.Rerank));
        Assert.Equal(videos.Select(v => v.Id).Order(), reranked.Results.Select(r => r.VideoId).Order());

        // Only an embedder: one stage, moments, pages; re-ranks and questions refused.
        using (var deactivated = await tenant.Admin.DeleteAsync("/v1/models/active/cross_encoder"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deactivated.StatusCode);
        }
        var first = await tenant.Reader.GetAsync<SearchResults>($"/v1/search?q={caption}&limit=1&moments=2");
        Assert.Equal(0, first.Rerank);
        Assert.Equal(2, first.Results[0].Clips.Count);
        Assert.NotNull(first.NextPageToken);
        var second = await tenant.Reader.GetAsync<SearchResults>($"/v1/search?q={caption}&limit=1&page_token={first.NextPageToken}");
        Assert.Null(second.NextPageToken);
        Assert.Equal(videos.Select(v => v.Id).Order(), new[] { first.Results[0].VideoId, second.Results[0].VideoId }.Order());
        using (var badToken = await tenant.Reader.GetAsync($"/v1/search?q={caption}&page_token=abc"))
        {
            await badToken.ProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var rerank = await tenant.Reader.GetAsync($"/v1/search?q={caption}&rerank=5"))
        {
            await rerank.ProblemAsync(HttpStatusCode.Conflict);
        }
        using (var qa = await tenant.Writer.PostAsJsonAsync("/v1/qa/batches", new[] { new { video_id = videos[0].Id, question = "what colour?" } }, ApiCalls.Json))
        {
            var problem = await qa.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Contains("No question-answering model is active", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        var similar = await tenant.Reader.GetAsync<SearchResults>($"/v1/videos/{videos[0].Id}/similar");
        Assert.Equal([videos[1].Id], similar.Results.Select(r => r.VideoId));
        var moments = await tenant.Reader.GetAsync<SearchResults>($"/v1/videos/{videos[0].Id}/similar?clip=0&group_by=clip");
        Assert.DoesNotContain(moments.Results, r => r.VideoId == videos[0].Id && r.Clip == 0);
        using (var badClip = await tenant.Reader.GetAsync($"/v1/videos/{videos[0].Id}/similar?clip=99"))
        {
            await badClip.ProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var foreign = await stranger.Reader.GetAsync($"/v1/videos/{videos[0].Id}/similar"))
        {
            await foreign.ProblemAsync(HttpStatusCode.NotFound);
        }
    }
}
