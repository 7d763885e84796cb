namespace VideoLang.Api.Problems;

/// <summary>
/// The <c>type</c> URIs of the API's own problems, so clients can branch on the kind of error rather
/// than parse the detail. URNs: they name a kind of problem without pretending to be a web page.
/// Problems without a type of their own keep the HTTP status's RFC section as their type.
/// </summary>
internal static class ProblemTypes
{
    private const string Prefix = "urn:videolang:problem:";

    public const string NotFound = Prefix + "not-found";
    public const string InvalidRequest = Prefix + "invalid-request";
    public const string MalformedJson = Prefix + "malformed-json";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string UploadTooLarge = Prefix + "upload-too-large";
    public const string RequestTooLarge = Prefix + "request-too-large";
    public const string IdempotencyKeyReused = Prefix + "idempotency-key-reused";
    public const string QaBatchRejected = Prefix + "qa-batch-rejected";
    public const string ModelUnavailable = Prefix + "model-unavailable";
    public const string ModelBusy = Prefix + "model-busy";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    public const string RateLimited = Prefix + "rate-limited";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotReady = Prefix + "not-ready";
    public const string ThumbnailFailed = Prefix + "thumbnail-failed";
    public const string ModelRole = Prefix + "model-role";
    public const string ModelImportFailed = Prefix + "model-import-failed";

    /// <summary>One type per rejection reason: <c>urn:videolang:problem:video-rejected:playlist-or-script</c>, ...</summary>
    public static string VideoRejected(string reason) => $"{Prefix}video-rejected:{reason.Replace('_', '-')}";
}
