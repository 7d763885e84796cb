using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Jobs.Search;

/// <summary>
/// Videos and moments of the same tenant nearest to a video (its embedding, the normalised mean of its
/// clips') or to one of its clips, in the active embedder's space; works with an image-only embedder.
/// The score is the cosine of the two normalised embeddings. Asked for a clip, the video's other clips
/// are candidates too (where else in this video does this happen?); asked for a video, it is left out.
/// </summary>
public sealed class SimilarVideos(IDbContextFactory<VideoLangDbContext> contexts, ModelCatalog models, ClipIndexes indexes)
{
    /// <returns>Null when the tenant has no such video.</returns>
    /// <exception cref="ModelRoleException">No embedder is active, or the video is not ready in its space (ingest it again).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The video has no clip <paramref name="clip"/>, or the limit is out of range.</exception>
    public async Task<IReadOnlyList<SearchHit>?> FindAsync(string tenant, Guid videoId, int? clip, int limit = 10, SearchGrouping grouping = SearchGrouping.Video,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        if (limit is < 1 or > VideoSearch.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be between 1 and {VideoSearch.MaxLimit}; got {limit}.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var video = await db.Videos.AsNoTracking().SingleOrDefaultAsync(v => v.Id == videoId && v.Tenant == tenant, cancellationToken);
        if (video is null)
        {
            return null;
        }
        var embedder = await models.FindActiveAsync(ModelRole.Embedder, cancellationToken)
            ?? throw new ModelRoleException("No embedder is active, so videos have no embeddings to compare. Import and activate one: `vlang models import PATH --activate`.");
        if (video.Status != VideoStatus.Ready || video.EmbedderId != embedder.Id || video.Embedding is null)
        {
            throw new ModelRoleException(video.Status == VideoStatus.Ready
                ? $"Video {videoId} was embedded by another model than the active embedder '{embedder.Name}'; upload it again (same content re-queues it) to embed it with this one."
                : $"Video {videoId} is not ready (status {video.Status}); ask again once it is ingested.");
        }
        float[] query;
        if (clip is { } index)
        {
            var row = await db.ClipEmbeddings.AsNoTracking().SingleOrDefaultAsync(c => c.VideoId == videoId && c.ModelId == embedder.Id && c.Clip == index, cancellationToken);
            if (row is null)
            {
                var count = await db.ClipEmbeddings.CountAsync(c => c.VideoId == videoId && c.ModelId == embedder.Id, cancellationToken);
                throw new ArgumentOutOfRangeException(nameof(clip), $"Video {videoId} has clips 0 to {count - 1}; clip {index} does not exist.");
            }
            query = row.Embedding;
        }
        else
        {
            query = video.Embedding;
        }
        var (clips, _) = await ClipScan.RunAsync(db, indexes, tenant, embedder.Id, query, againstNull: false, cancellationToken);
        var scored = clips
            .Where(c => clip is { } index ? !(c.VideoId == videoId && c.Clip == index) : c.VideoId != videoId)
            .Select(c => (Clip: c, Score: c.Cosine))
            .ToArray();
        var hits = await VideoSearch.GroupAsync(db, scored, new SearchRequest("similar", limit, MinScore: -1, grouping), cancellationToken);
        return hits.OrderByDescending(h => h.Score).ThenBy(h => h.VideoId).ThenBy(h => h.Clip).Take(limit).ToArray();
    }
}
