using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace VideoLang.Api.Problems;

/// <summary>
/// Writes an RFC 7807 problem straight to the response, for the places that answer outside an
/// endpoint (authentication, rate limiting, status-code pages, the exception handler). Goes through
/// <see cref="IProblemDetailsService"/> so every problem gets the same title, type and trace id.
/// </summary>
internal static class ProblemResponses
{
    public static async ValueTask WriteAsync(HttpContext http, int status, string detail, string? type = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Type = type };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }
        var service = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem }))
        {
            // The client's Accept header rules out JSON: the status code and a plain line still tell it what happened.
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(detail, http.RequestAborted);
        }
    }
}
