namespace VideoLang.Api.Problems;

/// <summary>
/// A request body refused before it reached the service's layers (not multipart, no file part, over a
/// size cap, not JSON); the message says what to send instead, the status and type say what kind of
/// problem it is.
/// </summary>
internal sealed class RequestRejectedException(int statusCode, string problemType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ProblemType { get; } = problemType;
}
