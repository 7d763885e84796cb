using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace VideoLang.Api.Problems;

/// <summary>
/// Problem bodies for responses that left the pipeline with an error status and no body: no endpoint
/// at that path (404) or not for that method (405).
/// </summary>
internal static class StatusCodeProblems
{
    public static async Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound =>
                $"Nothing is served at {request.Path}. The API lives under /v1 (videos, search, qa/batches, jobs); the OpenAPI document at /openapi/v1.json lists every endpoint.",
            StatusCodes.Status405MethodNotAllowed => http.Response.Headers.Allow is { Count: > 0 } allow
                ? $"{request.Method} is not allowed on {request.Path}; use {string.Join(", ", allow.ToArray())}."
                : $"{request.Method} is not allowed on {request.Path}; the OpenAPI document at /openapi/v1.json lists the methods of each path.",
            // Routing answers 415 itself when no endpoint takes the request's Content-Type.
            StatusCodes.Status415UnsupportedMediaType =>
                $"{request.Method} {request.Path} does not take Content-Type '{request.ContentType}'. Video uploads are multipart/form-data (curl -F file=@video.mp4); QA batches are application/json (an array) or application/x-ndjson (one question per line).",
            var status => $"The request ended with status {status}.",
        };
        await ProblemResponses.WriteAsync(http, http.Response.StatusCode, detail,
            http.Response.StatusCode == StatusCodes.Status404NotFound ? ProblemTypes.NotFound : null);
    }
}
