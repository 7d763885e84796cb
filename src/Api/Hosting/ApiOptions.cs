namespace VideoLang.Api.Hosting;

/// <summary>
/// Settings of the HTTP API (bound from the <c>Api</c> configuration section: appsettings.json,
/// <c>VIDEOLANG_Api__Key</c> environment variables or <c>--Api:Key=value</c> arguments). The defaults
/// suit one service on one machine; the limits are per request and per API key.
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest video a client may upload, in bytes; checked while the upload streams to disk. Default 2 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Largest body of any other request (a QA batch), in bytes. Default 16 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Requests one API key may make per minute before it gets 429 with Retry-After. Default 600.</summary>
    public int RateLimitPerMinute { get; set; } = 600;

    /// <summary>Items per page when a list request gives no <c>limit</c>. Default 20.</summary>
    public int DefaultPageSize { get; set; } = 20;

    /// <summary>Largest <c>limit</c> a list request may ask for. Default 100.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>First-stage search candidates the cross-encoder re-ranks when a search gives no <c>rerank</c>. Default 50.</summary>
    public int RerankCandidates { get; set; } = 50;

    /// <summary>Where uploads are written while they arrive; each is moved into storage or deleted before the response. Default: a <c>vlang-uploads</c> folder in the system temp folder.</summary>
    public string UploadDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "vlang-uploads");

    /// <summary>
    /// Whether this process also runs jobs (ingest, QA batches), so `vlang serve` alone is a working
    /// service on one machine. Default true. Set false (<c>--Api:RunJobs=false</c>) on API-only nodes
    /// whose jobs run in <c>vlang worker</c> processes; while jobs wait and no worker is alive,
    /// <c>/readyz</c> and the log say so.
    /// </summary>
    public bool RunJobs { get; set; } = true;

    internal void Validate()
    {
        Check(MaxUploadBytes > 0, nameof(MaxUploadBytes), "a positive number of bytes");
        Check(MaxRequestBytes > 0, nameof(MaxRequestBytes), "a positive number of bytes");
        Check(RateLimitPerMinute >= 1, nameof(RateLimitPerMinute), "at least 1");
        Check(MaxPageSize >= 1, nameof(MaxPageSize), "at least 1");
        Check(DefaultPageSize >= 1 && DefaultPageSize <= MaxPageSize, nameof(DefaultPageSize), $"between 1 and Api:{nameof(MaxPageSize)} ({MaxPageSize})");
        Check(RerankCandidates >= 1, nameof(RerankCandidates), "at least 1");
        Check(!string.IsNullOrWhiteSpace(UploadDirectory), nameof(UploadDirectory), "a folder path");

        static void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"{Section}:{name} must be {rule}; fix the configuration (appsettings.json or VIDEOLANG_{Section}__{name}).");
            }
        }
    }
}
