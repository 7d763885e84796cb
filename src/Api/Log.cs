using Microsoft.Extensions.Logging;

namespace VideoLang.Api;

/// <summary>The HTTP API's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Database migrated at start-up: {Applied} migration(s) applied")]
    public static partial void DatabaseMigrated(ILogger logger, int applied);

    [LoggerMessage(2, LogLevel.Information, "Upload accepted as video {VideoId} for tenant {Tenant}: {Bytes} bytes, new {Created}")]
    public static partial void UploadAccepted(ILogger logger, Guid videoId, string tenant, long bytes, bool created);

    [LoggerMessage(3, LogLevel.Information, "Upload refused for tenant {Tenant} with {Status}: {Reason}")]
    public static partial void UploadRefused(ILogger logger, string tenant, int status, string reason);

    [LoggerMessage(4, LogLevel.Information, "Video {VideoId} of tenant {Tenant} deleted")]
    public static partial void VideoDeleted(ILogger logger, Guid videoId, string tenant);

    [LoggerMessage(5, LogLevel.Information, "QA batch {BatchId} submitted for tenant {Tenant}: {Items} questions, new {Created}")]
    public static partial void QaBatchSubmitted(ILogger logger, Guid batchId, string tenant, int items, bool created);

    [LoggerMessage(6, LogLevel.Information, "API key {KeyId} went over its limit of {Permits} requests per minute")]
    public static partial void RateLimited(ILogger logger, string keyId, int permits);

    [LoggerMessage(7, LogLevel.Warning, "{Method} {Path} answered 503: {Reason}")]
    public static partial void ServiceUnavailable(ILogger logger, string method, string path, string reason);

    [LoggerMessage(8, LogLevel.Error, "{Method} {Path} failed with an unexpected exception")]
    public static partial void UnhandledException(ILogger logger, string method, string path, Exception exception);
}
