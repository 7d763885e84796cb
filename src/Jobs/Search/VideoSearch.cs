using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Model.Inference;

namespace VideoLang.Jobs.Search;

/// <summary>
/// Two-stage text search. Stage one: the query's dual-encoder embedding against every ready video's
/// stored embedding (a dot product each, computed in PostgreSQL; no network pass per video) keeps the best
/// <see cref="SearchRequest.RerankCandidates"/>. Stage two: the cross-encoder scores the query against
/// those candidates' cached visual tokens, clip by clip; results carry the best clip's time range.
/// A result's score is the sigmoid of both stages' logits added (the dual encoder's similarity on
/// its learnt scale plus the cross-encoder's match): neither stage alone ranks as well (docs/learning.md).
/// </summary>
public sealed class VideoSearch(IDbContextFactory<VideoLangDbContext> contexts, ModelCatalog models, ModelRunner runner)
{
    public const int MaxLimit = 100;
    public const int MaxRerankCandidates = 500;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, SearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            throw new ArgumentException("The search text is empty; pass what to look for, e.g. q=a red circle.", nameof(request));
        }
        if (request.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"limit must be between 1 and {MaxLimit}; got {request.Limit}.");
        }
        if (request.RerankCandidates is < 1 or > MaxRerankCandidates)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"The re-rank depth must be between 1 and {MaxRerankCandidates}; got {request.RerankCandidates}.");
        }
        var model = await models.GetActiveAsync(cancellationToken);
        var query = await runner.RunAsync(model, m => m.Predictor.TextEmbedding(request.Query), ModelCallPriority.Interactive, cancellationToken);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Only videos encoded by the active model share its embedding space. The dot products and the
        // top-k run in PostgreSQL, so a query reads back k rows, not every embedding of the library.
        var candidates = await db.Database.SqlQuery<StageOneCandidate>($"""
            SELECT v.id AS "Id", s.similarity AS "Similarity"
            FROM videos v
            CROSS JOIN LATERAL (SELECT sum(e::float8 * q::float8) AS similarity FROM unnest(v.embedding, {query}) AS t(e, q)) s
            WHERE v.tenant = {tenant} AND v.status = {VideoStatus.Ready.ToString()} AND v.model_id = {model.Id} AND v.embedding IS NOT NULL
            ORDER BY s.similarity DESC, v.id
            LIMIT {request.RerankCandidates}
            """).ToArrayAsync(cancellationToken);
        if (candidates.Length == 0)
        {
            return [];
        }
        var stored = await StoredFeatures.LoadAsync(db, candidates.Select(c => c.Id).ToArray(), cancellationToken);
        var ordered = candidates.Where(c => stored.ContainsKey(c.Id)).ToArray();
        var matches = await runner.RunAsync(model, m =>
        {
            var features = ordered.Select(c => stored[c.Id].ToFeatures(m.Device)).ToArray();
            try
            {
                return (Matches: m.Predictor.Match(request.Query, features), SimilarityScale: m.Predictor.SimilarityScale);
            }
            finally
            {
                foreach (var f in features)
                {
                    f.Dispose();
                }
            }
        }, ModelCallPriority.Interactive, cancellationToken);

        var hits = new List<SearchHit>();
        for (var i = 0; i < ordered.Length; i++)
        {
            var video = stored[ordered[i].Id].Video;
            var stageOne = ordered[i].Similarity * matches.SimilarityScale;
            var clips = matches.Matches[i].Evidence.Select(e => e with { Score = Sigmoid(e.Score + stageOne) }).ToArray();
            if (request.Grouping == SearchGrouping.Video)
            {
                var best = clips.MaxBy(c => c.Score)!;
                hits.Add(new SearchHit(video.Id, video.OriginalName, Sigmoid(matches.Matches[i].Score + stageOne), best.Clip, best.StartSeconds, best.EndSeconds, ordered[i].Similarity, clips));
            }
            else
            {
                hits.AddRange(clips.Select(c => new SearchHit(video.Id, video.OriginalName, c.Score, c.Clip, c.StartSeconds, c.EndSeconds, ordered[i].Similarity, clips)));
            }
        }
        return hits.Where(h => h.Score >= request.MinScore).OrderByDescending(h => h.Score).Take(request.Limit).ToArray();
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
