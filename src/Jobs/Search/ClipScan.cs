using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;

namespace VideoLang.Jobs.Search;

/// <summary>
/// Stage one over clip embeddings: one tenant's clips of one embedder (never another model's: their
/// spaces differ), each dotted with the query in PostgreSQL, best first, so only scores come back, not
/// embeddings. Ranked by cosine, or by how far above its null distribution the cosine is
/// (<see cref="Inference.Embedding.ScoreCalibration"/>). When this process's HNSW index over the
/// tenant's clips is ready (<see cref="ClipIndexes"/>), only its candidates are read and scored, so a
/// query costs the same at a million clips as at a thousand; otherwise every clip is scanned. Either
/// way the scores are exact, computed from the stored rows, and rows deleted since the index last
/// heard of them are not returned.
/// </summary>
internal static class ClipScan
{
    /// <summary>Most clips one scan returns.</summary>
    public const int MaxRows = 20_000;

    public static async Task<ClipScanResult> RunAsync(VideoLangDbContext db, ClipIndexes indexes, string tenant, Guid embedderId, float[] query, bool againstNull, CancellationToken cancellationToken)
    {
        var candidates = indexes.Candidates(new ClipIndexKey(tenant, embedderId), query, indexes.Options.Candidates);
        // Typed parameters either way (a null array has no PostgreSQL type): a flag, and the ids or none.
        var useIndex = candidates is not null;
        var ids = candidates ?? [];
        var clips = await db.Database.SqlQuery<ScoredClip>($"""
            SELECT c.video_id AS "VideoId", c.clip AS "Clip", c.start_seconds AS "StartSeconds", c.end_seconds AS "EndSeconds",
                   s.cosine AS "Cosine", c.null_mean AS "NullMean", c.null_std AS "NullStd"
            FROM clip_embeddings c
            JOIN videos v ON v.id = c.video_id
            CROSS JOIN LATERAL (SELECT sum(e::float8 * q::float8) AS cosine FROM unnest(c.embedding, {query}) AS t(e, q)) s
            WHERE c.tenant = {tenant} AND c.model_id = {embedderId} AND v.status = {VideoStatus.Ready.ToString()} AND v.embedder_id = {embedderId}
              AND (NOT {useIndex} OR c.id = ANY({ids}))
            ORDER BY CASE WHEN {againstNull} THEN (s.cosine - c.null_mean) / greatest(c.null_std, 1e-6) ELSE s.cosine END DESC NULLS LAST, c.video_id, c.clip
            LIMIT {MaxRows}
            """).ToArrayAsync(cancellationToken);
        return new ClipScanResult(clips, useIndex ? StageOne.Index : StageOne.ExactScan);
    }
}
