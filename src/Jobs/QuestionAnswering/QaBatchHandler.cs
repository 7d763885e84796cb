using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Model.Inference;

namespace VideoLang.Jobs.QuestionAnswering;

/// <summary>
/// Answers a QA batch in chunks of <see cref="WorkerOptions.QaChunkSize"/> pending items. Each chunk's
/// answers and the batch's counts are saved together, so progress is visible while it runs, a
/// recovered run picks up at the first pending item, and a cancel request stops it between chunks
/// with the answers so far kept. Items about the same video share its cached features.
/// </summary>
internal sealed class QaBatchHandler(
    IDbContextFactory<VideoLangDbContext> contexts,
    ModelCatalog models,
    ModelRunner runner,
    IOptions<WorkerOptions> options,
    TimeProvider time) : IJobHandler
{
    private readonly int _chunkSize = options.Value.QaChunkSize;

    public JobKind Kind => JobKind.QaBatch;

    public async Task<JobOutcome> RunAsync(Job job, CancellationToken cancellationToken)
    {
        var cache = new Dictionary<Guid, CachedVideo>();
        try
        {
            while (true)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var batch = await db.QaBatches.SingleOrDefaultAsync(b => b.Id == job.SubjectId, cancellationToken)
                    ?? throw new JobFailedException("The QA batch was deleted before it was answered.");
                if (batch.Status is QaBatchStatus.Completed or QaBatchStatus.Cancelled)
                {
                    return batch.Status == QaBatchStatus.Cancelled ? JobOutcome.Cancelled : JobOutcome.Succeeded;
                }
                if (batch.CancelRequested)
                {
                    await SettleAsync(db, batch, QaBatchStatus.Cancelled, cancellationToken);
                    return JobOutcome.Cancelled;
                }
                var items = await db.QaItems.Where(i => i.BatchId == batch.Id && i.Status == QaItemStatus.Pending)
                    .OrderBy(i => i.Ordinal).Take(_chunkSize).ToListAsync(cancellationToken);
                if (items.Count == 0)
                {
                    await SettleAsync(db, batch, QaBatchStatus.Completed, cancellationToken);
                    return JobOutcome.Succeeded;
                }
                if (batch.Status != QaBatchStatus.Running)
                {
                    batch.Status = QaBatchStatus.Running;
                    batch.StartedAt ??= time.GetUtcNow();
                }
                await AnswerChunkAsync(db, items, cache, cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await CountAsync(db, batch, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            foreach (var video in cache.Values)
            {
                video.Features.Dispose();
            }
        }
    }

    public async Task FailAsync(Job job, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await db.QaBatches.Where(b => b.Id == job.SubjectId).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, QaBatchStatus.Failed)
            .SetProperty(x => x.FailureReason, reason)
            .SetProperty(x => x.FinishedAt, now), cancellationToken);
    }

    private async Task AnswerChunkAsync(VideoLangDbContext db, List<QaItem> items, Dictionary<Guid, CachedVideo> cache, CancellationToken cancellationToken)
    {
        var missing = items.Select(i => i.VideoId).Distinct().Where(id => !cache.ContainsKey(id)).ToArray();
        var stored = await StoredFeatures.LoadAsync(db, missing, cancellationToken);
        foreach (var group in items.GroupBy(i => i.VideoId))
        {
            if (!stored.ContainsKey(group.Key) && !cache.ContainsKey(group.Key))
            {
                var status = await db.Videos.Where(v => v.Id == group.Key).Select(v => (VideoStatus?)v.Status).SingleOrDefaultAsync(cancellationToken);
                var error = status is null ? $"Video {group.Key} does not exist." : $"Video {group.Key} is not ready (status {status}); ask again once it is ingested.";
                foreach (var item in group)
                {
                    Fail(item, error);
                }
                continue;
            }
            if (!cache.TryGetValue(group.Key, out var video))
            {
                var model = stored[group.Key].Video.ModelId is { } modelId ? await models.FindAsync(modelId, cancellationToken) : null;
                if (model is null)
                {
                    foreach (var item in group)
                    {
                        Fail(item, $"Video {group.Key} has no cross-encoder features (it was ingested while no question-answering model was active, or that model is no longer registered); ingest it again.");
                    }
                    continue;
                }
                var source = stored[group.Key];
                EvictIfFull(cache);
                video = new CachedVideo(model, await runner.RunAsync(model, m => source.ToFeatures(m.Device), cancellationToken));
                cache[group.Key] = video;
            }
            var questions = group.ToArray();
            var answers = await runner.RunAsync(video.Model, m => questions.Select(q => Answer(m, video.Features, q)).ToArray(), cancellationToken);
            var now = time.GetUtcNow();
            for (var k = 0; k < questions.Length; k++)
            {
                var (answer, error) = answers[k];
                if (answer is null)
                {
                    Fail(questions[k], error!);
                    continue;
                }
                var item = questions[k];
                item.Status = QaItemStatus.Answered;
                item.Answer = answer.Label;
                item.Score = answer.Score;
                item.BestClip = answer.BestClip.Clip;
                item.StartSeconds = answer.BestClip.StartSeconds;
                item.EndSeconds = answer.BestClip.EndSeconds;
                item.ClipScores = answer.Evidence.Select(e => e.Score).ToArray();
                item.AnsweredAt = now;
                item.Error = null;
            }
        }

        void Fail(QaItem item, string error)
        {
            item.Status = QaItemStatus.Failed;
            item.Error = error;
        }
    }

    // Features of a big model are megabytes per video; a batch over a large library must not keep them all.
    private const int MaxCachedVideos = 64;

    private static void EvictIfFull(Dictionary<Guid, CachedVideo> cache)
    {
        if (cache.Count < MaxCachedVideos)
        {
            return;
        }
        foreach (var video in cache.Values)
        {
            video.Features.Dispose();
        }
        cache.Clear();
    }

    private static (ScoredLabel? Answer, string? Error) Answer(LoadedModel model, VideoFeatures features, QaItem item)
    {
        if (item.Options is { Length: > 0 } options)
        {
            return (AsProbabilities(model.Predictor.Choose(features, item.Question, options)), null);
        }
        if (model.Checkpoint.Answers is null)
        {
            return (null, "The model has no answer vocabulary for open questions; give the question options.");
        }
        return (model.Predictor.Answer(features, item.Question, top: 1)[0], null);
    }

    // The choice head gives one logit per option; a softmax over the options (for the video, and
    // for each clip) makes multiple-choice scores probabilities like open answers' are.
    private static ScoredLabel AsProbabilities(IReadOnlyList<ScoredLabel> ranked)
    {
        var best = ranked[0];
        var clips = best.Evidence.Select((clip, c) => clip with { Score = Softmax(ranked.Select(r => r.Evidence[c].Score).ToArray(), clip.Score) }).ToArray();
        return best with { Score = Softmax(ranked.Select(r => r.Score).ToArray(), best.Score), Evidence = clips };

        static double Softmax(double[] logits, double chosen)
        {
            var max = logits.Max();
            return Math.Exp(chosen - max) / logits.Sum(l => Math.Exp(l - max));
        }
    }

    private async Task SettleAsync(VideoLangDbContext db, QaBatch batch, QaBatchStatus status, CancellationToken cancellationToken)
    {
        batch.Status = status;
        batch.FinishedAt = time.GetUtcNow();
        await CountAsync(db, batch, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    // Counts come from the items themselves, so a re-run after a crash cannot count twice.
    private static async Task CountAsync(VideoLangDbContext db, QaBatch batch, CancellationToken cancellationToken)
    {
        var counts = await db.QaItems.Where(i => i.BatchId == batch.Id).GroupBy(i => i.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        batch.AnsweredCount = counts.Where(c => c.Status == QaItemStatus.Answered).Sum(c => c.Count);
        batch.FailedCount = counts.Where(c => c.Status == QaItemStatus.Failed).Sum(c => c.Count);
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record CachedVideo(ModelRecord Model, VideoFeatures Features);
}
