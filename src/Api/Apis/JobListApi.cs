using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Hosting;
using VideoLang.Api.Paging;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Apis;

/// <summary><c>GET /v1/jobs</c> (admin): the tenant's most recent jobs with their attempts and errors, for whoever runs the service.</summary>
internal static class JobListApi
{
    public static RouteGroupBuilder MapJobListApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/jobs").WithTags("Jobs");
        api.MapGet("", ListAsync)
            .RequireAuthorization(Scopes.Admin)
            .WithName("ListJobs")
            .WithSummary("The tenant's most recent jobs, newest first (limit, optional status), each with its attempts and last error. Needs the admin scope.");
        return api;
    }

    internal static async Task<Results<Ok<JobDetails[]>, ProblemHttpResult>> ListAsync(
        ClaimsPrincipal user,
        IDbContextFactory<VideoLangDbContext> contexts,
        IOptions<ApiOptions> options,
        string? status,
        int? limit,
        CancellationToken cancellationToken)
    {
        var tenant = user.Tenant();
        if (PageSize.Resolve(limit, options.Value, out var limitProblem) is not { } size)
        {
            return ApiProblems.BadRequest(limitProblem!);
        }
        if (!StatusFilter<JobStatus>.TryParse(status, out var wanted, out var statusProblem))
        {
            return ApiProblems.BadRequest(statusProblem!);
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Jobs.AsNoTracking().Where(j => j.Tenant == tenant);
        if (wanted is { } s)
        {
            query = query.Where(j => j.Status == s);
        }
        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Take(size).ToListAsync(cancellationToken);
        var ids = jobs.Select(j => j.Id).ToArray();
        var attempts = (await db.JobAttempts.AsNoTracking().Where(a => ids.Contains(a.JobId)).ToListAsync(cancellationToken)).ToLookup(a => a.JobId);
        return TypedResults.Ok(jobs.Select(j => JobDetails.From(j, attempts[j.Id])).ToArray());
    }
}
