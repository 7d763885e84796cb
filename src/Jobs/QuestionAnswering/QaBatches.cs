using Microsoft.EntityFrameworkCore;
using Npgsql;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Scheduling;
using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.QuestionAnswering;

/// <summary>
/// Submitting and cancelling QA batches. A batch, its items and its job are saved together; the same
/// idempotency key for the same tenant returns the batch created the first time.
/// </summary>
public sealed class QaBatches(IDbContextFactory<VideoLangDbContext> contexts, JobQueue queue, TimeProvider time)
{
    /// <summary>Most questions in one batch.</summary>
    public const int MaxItems = 10_000;

    public async Task<(QaBatch Batch, Job? Job, bool Created)> SubmitAsync(string tenant, IReadOnlyList<QaQuestion> questions, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentNullException.ThrowIfNull(questions);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (idempotencyKey is not null && await FindAsync(db, tenant, idempotencyKey, cancellationToken) is { } replay)
        {
            return replay;
        }
        if (!await db.Models.AnyAsync(m => m.ActiveCrossEncoder, cancellationToken))
        {
            throw new ModelRoleException(
                "No question-answering model is active: only an embedder is. Activate a ClipBERT checkpoint as the cross-encoder " +
                "(`vlang models activate NAME --role cross-encoder`, or POST /v1/models/{name}/activate with role cross_encoder), then ingest the videos again.");
        }
        await ValidateAsync(db, tenant, questions, cancellationToken);
        var batch = new QaBatch
        {
            Id = Guid.CreateVersion7(),
            Tenant = tenant,
            Status = QaBatchStatus.Queued,
            ItemCount = questions.Count,
            IdempotencyKey = idempotencyKey,
            CreatedAt = time.GetUtcNow(),
        };
        batch.Items.AddRange(questions.Select((q, i) => new QaItem
        {
            BatchId = batch.Id,
            Ordinal = i,
            VideoId = q.VideoId,
            Question = q.Question.Trim(),
            Options = q.Options is { Count: > 0 } options ? options.ToArray() : null,
            Status = QaItemStatus.Pending,
        }));
        var job = queue.Create(tenant, JobKind.QaBatch, batch.Id);
        db.QaBatches.Add(batch);
        db.Jobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await FindAsync(fresh, tenant, idempotencyKey, cancellationToken) ?? throw new InvalidOperationException("The batch that won the idempotency race is gone.", e);
        }
        await queue.ScheduleAsync(job.Id, null, cancellationToken);
        return (batch, job, true);
    }

    /// <summary>Asks a running batch to stop after its current chunk (a queued one stops at once). False when there is no such batch.</summary>
    public async Task<bool> CancelAsync(string tenant, Guid batchId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.QaBatches.SingleOrDefaultAsync(b => b.Id == batchId && b.Tenant == tenant, cancellationToken);
        if (batch is null)
        {
            return false;
        }
        if (batch.Status is QaBatchStatus.Queued or QaBatchStatus.Running)
        {
            batch.CancelRequested = true;
            if (batch.Status == QaBatchStatus.Queued)
            {
                batch.Status = QaBatchStatus.Cancelled;
                batch.FinishedAt = time.GetUtcNow();
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    private static async Task ValidateAsync(VideoLangDbContext db, string tenant, IReadOnlyList<QaQuestion> questions, CancellationToken cancellationToken)
    {
        if (questions.Count == 0)
        {
            throw new QaSubmissionException("The batch has no questions; send at least one {\"video_id\", \"question\"} item.");
        }
        if (questions.Count > MaxItems)
        {
            throw new QaSubmissionException($"The batch has {questions.Count} questions; the most one batch takes is {MaxItems}. Split it.");
        }
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            if (string.IsNullOrWhiteSpace(q.Question))
            {
                throw new QaSubmissionException($"Item {i} has no question text.");
            }
            if (q.Options is { } options && options.Any(string.IsNullOrWhiteSpace))
            {
                throw new QaSubmissionException($"Item {i} has an empty option.");
            }
        }
        var ids = questions.Select(q => q.VideoId).Distinct().ToArray();
        var known = await db.Videos.Where(v => v.Tenant == tenant && ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken);
        var unknown = ids.Except(known).ToArray();
        if (unknown.Length > 0)
        {
            var index = questions.ToList().FindIndex(q => q.VideoId == unknown[0]);
            throw new QaSubmissionException($"Item {index} asks about video {unknown[0]}, which does not exist{(unknown.Length > 1 ? $" ({unknown.Length} unknown videos in all)" : "")}.");
        }
    }

    private static async Task<(QaBatch, Job?, bool)?> FindAsync(VideoLangDbContext db, string tenant, string key, CancellationToken cancellationToken)
    {
        var batch = await db.QaBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Tenant == tenant && b.IdempotencyKey == key, cancellationToken);
        if (batch is null)
        {
            return null;
        }
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.SubjectId == batch.Id, cancellationToken);
        return (batch, job, false);
    }
}
