using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Paging;
using VideoLang.Api.Problems;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/qa/batches</c>: submit questions about the tenant's videos (a JSON array or JSON Lines),
/// follow a batch's progress, page through its answers with their clip evidence, and cancel it.
/// </summary>
internal static class QaBatchesApi
{
    public static RouteGroupBuilder MapQaBatchesApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/qa/batches").WithTags("Question answering");

        api.MapPost("", SubmitAsync)
            .RequireAuthorization(Scopes.Write)
            .Accepts<QuestionRequest[]>(QaBatchBody.Json, [.. QaBatchBody.JsonLines])
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("SubmitQaBatch")
            .WithSummary("Queue questions about videos; 202 with the batch and its job.");
        api.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetQaBatch")
            .WithSummary("A batch's state and progress.");
        api.MapGet("/{id}/items", ItemsAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("ListQaBatchItems")
            .WithSummary("A batch's questions in submitted order, a page at a time, with answers, scores and clip evidence.");
        api.MapPost("/{id}/cancel", CancelAsync)
            .RequireAuthorization(Scopes.Write)
            .WithName("CancelQaBatch")
            .WithSummary("Stops a batch: a queued one at once, a running one after its current chunk; answers so far are kept.");
        return api;
    }

    /// <remarks>202 Accepted (Location: the batch); a retry with the same Idempotency-Key and body gets the first batch again, with <c>Idempotent-Replayed: true</c>; the same key with other questions is a 422.</remarks>
    internal static async Task<Results<Accepted<QaBatchProgress>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request,
        ClaimsPrincipal user,
        [FromHeader(Name = IdempotencyKeys.Header)] string? idempotencyKey,
        [AsParameters] QaServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (IdempotencyKeys.Problem(idempotencyKey) is { } invalidKey)
        {
            return ApiProblems.BadRequest(invalidKey);
        }
        IReadOnlyList<QaQuestion> questions;
        QaBatch batch;
        Job? job;
        bool created;
        try
        {
            questions = await QaBatchBody.ReadAsync(request, services.Json.Value.SerializerOptions, services.Options.Value.MaxRequestBytes, cancellationToken);
            (batch, job, created) = await services.Batches.SubmitAsync(tenant, questions, idempotencyKey, cancellationToken);
        }
        catch (RequestRejectedException e)
        {
            return TypedResults.Problem(e.Message, statusCode: e.StatusCode, type: e.ProblemType);
        }
        catch (QaSubmissionException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.QaBatchRejected);
        }
        if (!created)
        {
            if (!await SameQuestionsAsync(services, batch.Id, questions, cancellationToken))
            {
                return TypedResults.Problem(
                    $"The {IdempotencyKeys.Header} '{idempotencyKey}' was used for a different batch ({batch.Id}). Use a new key for new questions.",
                    statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.IdempotencyKeyReused);
            }
            request.HttpContext.Response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
        }
        Log.QaBatchSubmitted(services.Logger, batch.Id, tenant, batch.ItemCount, created);
        return TypedResults.Accepted(ApiPaths.QaBatch(batch.Id), QaBatchProgress.From(batch, job?.Id));
    }

    internal static async Task<Results<Ok<QaBatchProgress>, ProblemHttpResult>> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        [AsParameters] QaServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.QaBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.Tenant == tenant, cancellationToken);
        if (batch is null)
        {
            return ApiProblems.NotFound("QA batch", id);
        }
        return TypedResults.Ok(QaBatchProgress.From(batch, await ApiQueries.LatestJobAsync(db, id, cancellationToken)));
    }

    internal static async Task<Results<Ok<Page<QaAnswer>>, ProblemHttpResult>> ItemsAsync(
        Guid id,
        ClaimsPrincipal user,
        [AsParameters] QaServices services,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (PageSize.Resolve(limit, services.Options.Value, out var limitProblem) is not { } size)
        {
            return ApiProblems.BadRequest(limitProblem!);
        }
        var after = -1;
        if (!string.IsNullOrEmpty(cursor) && !Cursors.TryReadQaItem(cursor, out after))
        {
            return ApiProblems.BadRequest("The cursor is not one this list returned. Pass next_cursor from the previous page unchanged, or leave it out to start again.");
        }
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.QaBatches.AnyAsync(b => b.Id == id && b.Tenant == tenant, cancellationToken))
        {
            return ApiProblems.NotFound("QA batch", id);
        }
        var items = await db.QaItems.AsNoTracking()
            .Where(i => i.BatchId == id && i.Ordinal > after)
            .OrderBy(i => i.Ordinal)
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        var page = items.Take(size).ToArray();
        var clips = await ApiQueries.ClipRangesAsync(db, page.Select(i => i.VideoId).Distinct().ToArray(), cancellationToken);
        var next = items.Count > size ? Cursors.ForQaItem(page[^1].Ordinal) : null;
        return TypedResults.Ok(new Page<QaAnswer>(page.Select(i => QaAnswer.From(i, clips.GetValueOrDefault(i.VideoId))).ToArray(), next));
    }

    /// <remarks>202 Accepted with the batch: a queued batch is cancelled at once, a running one stops after its current chunk; a finished one is left as it is.</remarks>
    internal static async Task<Results<Accepted<QaBatchProgress>, ProblemHttpResult>> CancelAsync(
        Guid id,
        ClaimsPrincipal user,
        [AsParameters] QaServices services,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (!await services.Batches.CancelAsync(tenant, id, cancellationToken))
        {
            return ApiProblems.NotFound("QA batch", id);
        }
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        var batch = await db.QaBatches.AsNoTracking().SingleAsync(b => b.Id == id, cancellationToken);
        return TypedResults.Accepted(ApiPaths.QaBatch(id), QaBatchProgress.From(batch, await ApiQueries.LatestJobAsync(db, id, cancellationToken)));
    }

    // A replay must carry the questions the key was first used for; the draft standard answers a different body with 422.
    private static async Task<bool> SameQuestionsAsync(QaServices services, Guid batchId, IReadOnlyList<QaQuestion> questions, CancellationToken cancellationToken)
    {
        await using var db = await services.Contexts.CreateDbContextAsync(cancellationToken);
        var stored = await db.QaItems.AsNoTracking().Where(i => i.BatchId == batchId).OrderBy(i => i.Ordinal)
            .Select(i => new { i.VideoId, i.Question, i.Options })
            .ToListAsync(cancellationToken);
        return stored.Count == questions.Count && stored.Zip(questions).All(p =>
            p.First.VideoId == p.Second.VideoId
            && p.First.Question == p.Second.Question.Trim()
            && (p.First.Options ?? []).SequenceEqual(p.Second.Options ?? []));
    }
}
