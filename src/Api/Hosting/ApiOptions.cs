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

    /// <summary>The folder inside <c>Worker:StorageDirectory</c> that uploads go to when <see cref="UploadDirectory"/> is not set.</summary>
    public const string IncomingFolder = "incoming";

    /// <summary>
    /// Where uploads are written while they arrive; each is moved into storage or deleted before the
    /// response. Default (empty): an <c>incoming</c> folder inside <c>Worker:StorageDirectory</c> (so
    /// <c>data/videos/incoming</c> unless storage is configured elsewhere): uploads land on the disk
    /// given to the service's data, not in a temp folder that may be small or in memory, and an accepted
    /// one moves into storage by a rename rather than a copy.
    /// </summary>
    public string UploadDirectory { get; set; } = "";

    /// <summary>The folder uploads go to, as a full path: <see cref="UploadDirectory"/>, else <see cref="IncomingFolder"/> inside <paramref name="storageDirectory"/>.</summary>
    public string UploadFolder(string storageDirectory) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(UploadDirectory) ? Path.Combine(storageDirectory, IncomingFolder) : UploadDirectory);

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

        static void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"{Section}:{name} must be {rule}; fix the configuration (appsettings.json or VIDEOLANG_{Section}__{name}).");
            }
        }
    }
}
