using VideoLang.Sampler.Probing;

namespace VideoLang.Jobs.Store;

/// <summary>
/// One uploaded video of a tenant: the content-addressed file on disk, what ffprobe said about it,
/// where ingest got to, and (once ready) its dual-encoder embedding for the first stage of search.
/// </summary>
public sealed class Video
{
    public Guid Id { get; set; }

    public required string Tenant { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file; one video per content per tenant.</summary>
    public required string Sha256 { get; set; }

    public required string OriginalName { get; set; }

    public required string StoredPath { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>The client's <c>Idempotency-Key</c> for the upload that created it, if any.</summary>
    public string? IdempotencyKey { get; set; }

    public string? Container { get; set; }

    public string? Codec { get; set; }

    public int? Width { get; set; }

    public int? Height { get; set; }

    public double? DurationSeconds { get; set; }

    public double? FrameRate { get; set; }

    public VideoStatus Status { get; set; }

    /// <summary>Why ingest rejected the video, in words the uploader can act on.</summary>
    public string? FailureReason { get; set; }

    /// <summary>The cross-encoder whose visual tokens and trained tags are stored; null when none was active at ingest.</summary>
    public Guid? ModelId { get; set; }

    /// <summary>The embedder whose clip embeddings (<see cref="ClipEmbedding"/>) and video <see cref="Embedding"/> are stored.</summary>
    public Guid? EmbedderId { get; set; }

    /// <summary>The video's normalised embedding in the <see cref="EmbedderId"/> model's space.</summary>
    public float[]? Embedding { get; set; }

    /// <summary>Visual tokens per clip and their width, to rebuild the cached tensors.</summary>
    public int? TokenCount { get; set; }

    public int? TokenWidth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<Clip> Clips { get; set; } = [];

    public List<VideoTag> Tags { get; set; } = [];

    /// <summary>Records what ffprobe found: container, codec, displayed size, duration, frame rate (null when unknown).</summary>
    internal void Describe(VideoInfo info)
    {
        Container = info.FormatName;
        Codec = info.VideoCodec;
        Width = info.DisplayWidth;
        Height = info.DisplayHeight;
        DurationSeconds = info.DurationSeconds;
        FrameRate = info.FrameRate.ToDouble() is var fps && double.IsFinite(fps) ? fps : null;
    }
}
