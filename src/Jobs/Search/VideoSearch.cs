using Microsoft.EntityFrameworkCore;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Jobs.VectorIndex;
using VideoLang.Model.Inference;

namespace VideoLang.Jobs.Search;

/// <summary>
/// Text search. Stage one: the query's embedding by the active embedder against every stored clip
/// embedding of that embedder (<see cref="ClipScan"/>), scored so a user can threshold it
/// (<see cref="Inference.Embedding.ScoreCalibration"/>), grouped by video with its best moments or
/// listed by clip. Stage two, only when a cross-encoder is active: it re-ranks the best videos' cached
/// visual tokens clip by clip. With a ClipBERT checkpoint in both roles this is the search it always was:
/// candidates by the video embedding, and a score that is the sigmoid of both stages' logits added (the
/// dual encoder's similarity on its learnt scale plus the cross-encoder's match), which ranks better than
/// either alone (docs/learning.md); with another embedder the cross-encoder's match probability.
/// </summary>
public sealed class VideoSearch(IDbContextFactory<VideoLangDbContext> contexts, ModelCatalog models, ModelRunner runner, ClipIndexes indexes)
{
    public const int MaxLimit = 100;
    public const int MaxRerankCandidates = 500;

    /// <summary>The re-rank depth when a cross-encoder is active and the request does not say.</summary>
    public const int DefaultRerankCandidates = 50;

    /// <summary>Most moments one video result lists.</summary>
    public const int MaxMoments = 20;

    /// <summary>The results of the first page.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string tenant, SearchRequest request, CancellationToken cancellationToken = default) =>
        (await SearchPageAsync(tenant, request, cancellationToken)).Hits;

    /// <exception cref="ArgumentException">Empty text, a bad limit, re-rank depth or page token.</exception>
    /// <exception cref="ModelRoleException">No embedder is active, it has no text side, or a re-rank was asked for with no cross-encoder.</exception>
    public async Task<SearchPage> SearchPageAsync(string tenant, SearchRequest request, CancellationToken cancellationToken = default)
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
        if (request.RerankCandidates is < 0 or > MaxRerankCandidates)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"The re-rank depth must be between 0 (stage one only) and {MaxRerankCandidates}; got {request.RerankCandidates}.");
        }
        if (request.Moments is < 1 or > MaxMoments)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"moments must be between 1 and {MaxMoments}; got {request.Moments}.");
        }
        var after = request.PageToken is null ? ((double, Guid, int)?)null : SearchPageToken.Read(request.PageToken);
        var embedder = await models.FindActiveAsync(ModelRole.Embedder, cancellationToken)
            ?? throw new ModelRoleException("No model is active as the embedder, so there is nothing to search with. Import and activate one: `vlang models import PATH --activate` (or POST /v1/models).");
        var crossEncoder = await models.FindActiveAsync(ModelRole.CrossEncoder, cancellationToken);
        if (crossEncoder is null && request.RerankCandidates is > 0)
        {
            throw new ModelRoleException($"rerank={request.RerankCandidates} needs a cross-encoder and none is active; leave rerank out (one-stage search) or activate a ClipBERT checkpoint as the cross-encoder.");
        }
        var rerank = crossEncoder is null ? 0 : Math.Clamp(request.RerankCandidates ?? request.DefaultRerank, 0, MaxRerankCandidates);

        var (query, calibration) = await runner.RunAsync(embedder, m => (m.Embedder.EmbedTexts([request.Query])[0], m.Embedder.Calibration), ModelCallPriority.Interactive, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        List<SearchHit> hits;
        var stage = StageOne.ExactScan;
        if (rerank > 0 && crossEncoder!.Id == embedder.Id)
        {
            hits = await TwoStageAsync(db, tenant, crossEncoder, query, rerank, request, cancellationToken);
        }
        else
        {
            var (clips, found) = await ClipScan.RunAsync(db, indexes, tenant, embedder.Id, query, !calibration.Sigmoid, cancellationToken);
            stage = found;
            var scored = clips.Select(c => (Clip: c, Score: calibration.Score(calibration.RankKey(c.Cosine, c.NullMean, c.NullStd)))).ToArray();
            hits = await GroupAsync(db, scored, request, cancellationToken);
            if (rerank > 0)
            {
                hits = await RerankAsync(db, crossEncoder!, hits.Select(h => h.VideoId).Distinct().Take(rerank).ToArray(), request, cancellationToken);
            }
        }
        var page = hits.Where(h => h.Score >= request.MinScore)
            .OrderByDescending(h => h.Score).ThenBy(h => h.VideoId).ThenBy(h => h.Clip)
            .Where(h => after is not { } position || SearchPageToken.IsAfter(h, position))
            .Take(request.Limit + 1)
            .ToList();
        var next = page.Count > request.Limit ? SearchPageToken.Create(page[request.Limit - 1]) : null;
        return new SearchPage(page.Take(request.Limit).ToArray(), next, embedder.Name, rerank, stage);
    }

    /// <summary>Results from scored clips: per clip, or per video with its best moments (a video scores as its best clip).</summary>
    internal static async Task<List<SearchHit>> GroupAsync(VideoLangDbContext db, IReadOnlyList<(ScoredClip Clip, double Score)> scored, SearchRequest request, CancellationToken cancellationToken)
    {
        var ids = scored.Select(s => s.Clip.VideoId).Distinct().ToArray();
        var names = await db.Videos.AsNoTracking().Where(v => ids.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.OriginalName, cancellationToken);
        if (request.Grouping == SearchGrouping.Clip)
        {
            return scored.Select(s => Hit(names[s.Clip.VideoId], s, [Evidence(s)])).ToList();
        }
        return scored.GroupBy(s => s.Clip.VideoId).Select(g =>
        {
            var best = g.OrderByDescending(s => s.Score).ThenBy(s => s.Clip.Clip).ToArray();
            var moments = best.Where(s => s.Score >= request.MinScore).Take(request.Moments).Select(Evidence).ToArray();
            return Hit(names[g.Key], best[0], moments.Length > 0 ? moments : [Evidence(best[0])]);
        }).ToList();

        static ClipEvidence Evidence((ScoredClip Clip, double Score) s) => new(s.Clip.Clip, s.Clip.StartSeconds, s.Clip.EndSeconds, s.Score);

        static SearchHit Hit(string name, (ScoredClip Clip, double Score) s, IReadOnlyList<ClipEvidence> moments) =>
            new(s.Clip.VideoId, name, s.Score, s.Clip.Clip, s.Clip.StartSeconds, s.Clip.EndSeconds, s.Clip.Cosine, moments);
    }

    /// <summary>ClipBERT in both roles, as search always ran: video-embedding candidates, then both stages' logits added.</summary>
    private async Task<List<SearchHit>> TwoStageAsync(VideoLangDbContext db, string tenant, ModelRecord model, float[] query, int rerank, SearchRequest request, CancellationToken cancellationToken)
    {
        // The dot products and the top-k run in PostgreSQL, so a query reads back k rows, not every embedding of the library.
        var candidates = await db.Database.SqlQuery<StageOneCandidate>($"""
            SELECT v.id AS "Id", s.similarity AS "Similarity"
            FROM videos v
            CROSS JOIN LATERAL (SELECT sum(e::float8 * q::float8) AS similarity FROM unnest(v.embedding, {query}) AS t(e, q)) s
            WHERE v.tenant = {tenant} AND v.status = {VideoStatus.Ready.ToString()} AND v.model_id = {model.Id} AND v.embedder_id = {model.Id} AND v.embedding IS NOT NULL
            ORDER BY s.similarity DESC, v.id
            LIMIT {rerank}
            """).ToArrayAsync(cancellationToken);
        var similarity = candidates.ToDictionary(c => c.Id, c => c.Similarity);
        return await RerankAsync(db, model, candidates.Select(c => c.Id).ToArray(), request, cancellationToken, similarity);
    }

    /// <summary>
    /// The cross-encoder's match of the query against each candidate's cached tokens, clip by clip. With
    /// <paramref name="similarity"/> (same model in both roles) the dual encoder's logit is added to each.
    /// </summary>
    private async Task<List<SearchHit>> RerankAsync(VideoLangDbContext db, ModelRecord model, IReadOnlyList<Guid> candidates, SearchRequest request,
        CancellationToken cancellationToken, IReadOnlyDictionary<Guid, double>? similarity = null)
    {
        if (candidates.Count == 0)
        {
            return [];
        }
        var stored = await StoredFeatures.LoadAsync(db, candidates, cancellationToken);
        var ordered = candidates.Where(id => stored.TryGetValue(id, out var s) && s.Video.ModelId == model.Id).ToArray();
        var matches = await runner.RunAsync(model, m =>
        {
            var features = ordered.Select(id => stored[id].ToFeatures(m.Device)).ToArray();
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
            var video = stored[ordered[i]].Video;
            var stageSimilarity = similarity?.GetValueOrDefault(ordered[i]) ?? 0;
            var stageOne = stageSimilarity * matches.SimilarityScale;
            var clips = matches.Matches[i].Evidence.Select(e => e with { Score = Sigmoid(e.Score + stageOne) }).ToArray();
            if (request.Grouping == SearchGrouping.Video)
            {
                var best = clips.MaxBy(c => c.Score)!;
                hits.Add(new SearchHit(video.Id, video.OriginalName, Sigmoid(matches.Matches[i].Score + stageOne), best.Clip, best.StartSeconds, best.EndSeconds, stageSimilarity, clips));
            }
            else
            {
                hits.AddRange(clips.Select(c => new SearchHit(video.Id, video.OriginalName, c.Score, c.Clip, c.StartSeconds, c.EndSeconds, stageSimilarity, clips)));
            }
        }
        return hits;
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
