using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary><c>/v1/jobs</c>: the state of a background job (ingest or QA batch), its attempts and last error.</summary>
internal static class JobsApi
{
    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/jobs").WithTags("Jobs");
        api.MapGet("/{id}", GetAsync)
            .RequireAuthorization(Scopes.Read)
            .WithName("GetJob")
            .WithSummary("A job's state, attempts (each with its outcome), last error and timestamps.");
        return api;
    }

    internal static async Task<Results<Ok<JobDetails>, ProblemHttpResult>> GetAsync(
        Guid id,
        ClaimsPrincipal user,
        IDbContextFactory<VideoLangDbContext> contexts,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.Tenant == tenant, cancellationToken);
        if (job is null)
        {
            return ApiProblems.NotFound("job", id);
        }
        var attempts = await db.JobAttempts.AsNoTracking().Where(a => a.JobId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(JobDetails.From(job, attempts));
    }
}
