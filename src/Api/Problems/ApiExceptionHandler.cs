using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.QuestionAnswering;
using VideoLang.Jobs.Running;
using VideoLang.Sampler.Validation;

namespace VideoLang.Api.Problems;

/// <summary>
/// Turns the exceptions the service's layers throw for bad input or missing prerequisites into problem
/// responses with their message as the detail (those messages are written for the person calling);
/// anything else is a 500 whose detail gives only the trace id, and is logged.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away (whatever the read or write that noticed threw): nobody to answer, nothing to log.
            return true;
        }
        var (status, type, detail, extensions) = exception switch
        {
            VideoRejectedException e => (VideoRejections.Status(e.Reason), ProblemTypes.VideoRejected(VideoRejections.Name(e.Reason)), e.Message,
                new Dictionary<string, object?> { ["reason"] = VideoRejections.Name(e.Reason) }),
            RequestRejectedException e => (e.StatusCode, e.ProblemType, e.Message, null),
            QaSubmissionException e => (StatusCodes.Status422UnprocessableEntity, ProblemTypes.QaBatchRejected, e.Message, null),
            PayloadTooLargeException e => (StatusCodes.Status413PayloadTooLarge, ProblemTypes.RequestTooLarge, e.Message, null),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => (e.StatusCode, ProblemTypes.RequestTooLarge,
                $"{e.Message} Split a large QA batch into several (the limit is Api:MaxRequestBytes).", null),
            BadHttpRequestException e => (e.StatusCode, ProblemTypes.InvalidRequest,
                $"{e.Message} Check the path, query and headers against the OpenAPI document at /openapi/v1.json.", null),
            ModelUnavailableException e => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.ModelUnavailable, e.Message, null),
            ModelBusyException e => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.ModelBusy, e.Message, null),
            ModelRoleException e => (StatusCodes.Status409Conflict, ProblemTypes.ModelRole, e.Message, null),
            _ when DatabaseOutages.IsOutage(exception) => (StatusCodes.Status503ServiceUnavailable, ProblemTypes.DatabaseUnavailable,
                "The database is unavailable (stopped, restarting or unreachable); nothing was changed. Try again after the Retry-After seconds.", null),
            // A null argument is a bug on this side, not a bad request.
            ArgumentException e when e is not ArgumentNullException =>
                (StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest, WithoutParameterName(e.Message), null),
            _ => (StatusCodes.Status500InternalServerError, (string?)null,
                "Something went wrong on the server; the trace id identifies the request in the server log.", (Dictionary<string, object?>?)null),
        };
        if (status >= StatusCodes.Status500InternalServerError && status != StatusCodes.Status503ServiceUnavailable)
        {
            Log.UnhandledException(logger, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Log.ServiceUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(exception);
        }
        await ProblemResponses.WriteAsync(httpContext, status, detail, type, extensions);
        return true;
    }

    // A busy model frees up within seconds; a database or model outage needs longer.
    private static string RetryAfterSeconds(Exception exception) =>
        (exception is ModelBusyException busy ? (int)Math.Ceiling(busy.RetryAfter.TotalSeconds) : 30).ToString(CultureInfo.InvariantCulture);

    // ArgumentException appends " (Parameter 'name')" naming a C# parameter the caller never saw.
    private static string WithoutParameterName(string message) => ParameterSuffix().Replace(message, "");

    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterSuffix();
}
