using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace VideoLang.Api.Problems;

/// <summary>Typed problem results for endpoints, with details that say what to do next.</summary>
internal static class ApiProblems
{
    /// <summary>404 for something the caller's tenant does not have: another tenant's rows look exactly like missing ones.</summary>
    public static ProblemHttpResult NotFound(string what, Guid id) =>
        TypedResults.Problem($"There is no {what} {id} for this API key's tenant. Check the id, and that the key belongs to the tenant that created it.",
            statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);

    /// <summary>400 for a request parameter or header the API cannot use; the detail names it and the accepted values.</summary>
    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, type: ProblemTypes.InvalidRequest);
}
