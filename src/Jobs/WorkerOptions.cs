namespace VideoLang.Jobs;

/// <summary>
/// Settings of the job system (bound from the <c>Worker</c> configuration section). The defaults suit
/// the tiny model on a small CPU machine; a GPU box raises <see cref="Concurrency"/> and
/// <see cref="DecodeParallelism"/> so decoding keeps the model runner busy.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Jobs one worker process runs at once (Hangfire worker threads). Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Videos decoded at once by one worker; the model itself runs one call at a time per device. Default 2.</summary>
    public int DecodeParallelism { get; set; } = 2;

    /// <summary>
    /// Clips sampled per video at ingest (spread uniformly, as ClipBERT's inference), when set. Default
    /// none: the count follows the duration (<see cref="SecondsPerClip"/>, <see cref="MinClips"/>, <see cref="MaxClips"/>).
    /// </summary>
    public int? ClipCount { get; set; }

    /// <summary>One clip per this many seconds of video, so a long video is searchable to the moment. Default 10.</summary>
    public double SecondsPerClip { get; set; } = 10;

    /// <summary>Fewest clips a video gets however short it is. Default 4 (ClipBERT's inference).</summary>
    public int MinClips { get; set; } = 4;

    /// <summary>Most clips a video gets however long it is: 720, a clip every 10 s for two hours. Default 720.</summary>
    public int MaxClips { get; set; } = 720;

    /// <summary>
    /// Most clips whose visual tokens the cross-encoder keeps (spread over the video): each holds a grid of
    /// tokens and re-ranking and answering run BERT over every one. Default 16.
    /// </summary>
    public int MaxCrossEncoderClips { get; set; } = 16;

    /// <summary>Frames per clip for the cross-encoder. Default: the model's (<c>ClipBertConfig.FramesPerClip</c>, 2 as ClipBERT unless trained otherwise).</summary>
    public int? FramesPerClip { get; set; }

    /// <summary>Frame rate inside a clip for the cross-encoder. Default: the model's (<c>ClipBertConfig.FramesPerSecond</c>, 2 as ClipBERT unless trained otherwise).</summary>
    public double? FramesPerSecond { get; set; }

    /// <summary>Frames an image embedder (CLIP family, ResNet) embeds per clip; their embeddings are averaged. Default 3.</summary>
    public int EmbedderFramesPerClip { get; set; } = 3;

    /// <summary>Frame rate inside a clip for an image embedder: 3 frames at 1 fps span 3 s. Default 1.</summary>
    public double EmbedderFramesPerSecond { get; set; } = 1;

    /// <summary>Where <c>vlang models import</c> writes the checkpoints it converts. Default <c>data/models</c>.</summary>
    public string ModelsDirectory { get; set; } = "data/models";

    /// <summary>Tags whose probability reaches this are stored. Default 0.5.</summary>
    public double TagThreshold { get; set; } = 0.5;

    /// <summary>Longest text fed to the model, in WordPiece tokens with [CLS]/[SEP]. Default 40.</summary>
    public int MaxTextTokens { get; set; } = 40;

    /// <summary>Attempts before a job that keeps hitting transient faults is failed. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Back-off before the second attempt; doubled for each further one. Default 2 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest back-off between attempts. Default 5 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>QA items answered and saved per chunk; progress and cancellation are seen between chunks. Default 50.</summary>
    public int QaChunkSize { get; set; } = 50;

    /// <summary>
    /// How long a job fetched by a worker stays invisible to the others without a sign of life. The
    /// timeout slides (Hangfire.PostgreSql's <c>UseSlidingInvisibilityTimeout</c>): a live worker
    /// renews it every fifth of it, so a job of any length is never taken from a live worker, and a
    /// SIGKILLed worker's job is visible again between 4/5 of this and all of it after the kill.
    /// Hangfire's fixed default, 30 minutes, is what a killed job would otherwise wait (measured: see
    /// docs/jobs.md). Too short and a database outage longer than it lets a second worker start a
    /// job the first one is still running (handlers are idempotent, so the result is the same, but
    /// the work is done twice). Default 30 s; at least 5 s.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often an idle worker looks for new jobs, and for retries and scheduled jobs that have come
    /// due. New jobs also wake workers at once through PostgreSQL's LISTEN/NOTIFY (Hangfire.PostgreSql's
    /// long polling), so this bounds the wait only when a notification is lost (a reconnect) and sets
    /// how late a retry may start after its back-off. Hangfire's defaults, 15 s for both, added up to
    /// 15 s to every retry. Default 1 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a worker process records that it is alive (Hangfire's server heartbeat). A process
    /// silent for six of these is removed from the list of live workers, which is what /readyz and
    /// the "jobs queued with no worker" warning read. Default 5 s.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where uploaded videos are kept, content-addressed by SHA-256. Default <c>data/videos</c>.</summary>
    public string StorageDirectory { get; set; } = "data/videos";

    /// <summary>
    /// Longest an interactive model call (a search) waits for the model runner before it gives up and the
    /// API answers 503 with Retry-After. Interactive calls already go ahead of queued ingest and QA work, so
    /// this wait is at most the call running now plus other searches. Default 10 s.
    /// </summary>
    public TimeSpan InteractiveModelWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs the model on CUDA when libtorch sees a GPU. Default true.</summary>
    public bool UseCuda { get; set; } = true;

    /// <summary>A worker process silent this long counts as gone (Hangfire's server timeout): six heartbeats.</summary>
    internal TimeSpan ServerTimeout => HeartbeatInterval * 6;

    /// <summary>Clips for a video of <paramref name="seconds"/>: <see cref="ClipCount"/> when set, else one per <see cref="SecondsPerClip"/> within the bounds.</summary>
    public int ClipsFor(double seconds) =>
        ClipCount ?? Math.Clamp((int)Math.Ceiling(Math.Max(seconds, 0) / SecondsPerClip), MinClips, MaxClips);

    internal void Validate()
    {
        Check(Concurrency >= 1, nameof(Concurrency), "at least 1");
        Check(DecodeParallelism >= 1, nameof(DecodeParallelism), "at least 1");
        Check(ClipCount is null or >= 1, nameof(ClipCount), "at least 1");
        Check(SecondsPerClip > 0, nameof(SecondsPerClip), "positive");
        Check(MinClips >= 1, nameof(MinClips), "at least 1");
        Check(MaxClips >= MinClips, nameof(MaxClips), "at least MinClips");
        Check(MaxCrossEncoderClips >= 1, nameof(MaxCrossEncoderClips), "at least 1");
        Check(EmbedderFramesPerClip >= 1, nameof(EmbedderFramesPerClip), "at least 1");
        Check(EmbedderFramesPerSecond > 0, nameof(EmbedderFramesPerSecond), "positive");
        Check(FramesPerClip is null or >= 1, nameof(FramesPerClip), "at least 1");
        Check(FramesPerSecond is null or > 0, nameof(FramesPerSecond), "positive");
        Check(MaxAttempts >= 1, nameof(MaxAttempts), "at least 1");
        Check(QaChunkSize >= 1, nameof(QaChunkSize), "at least 1");
        Check(PollInterval >= TimeSpan.FromMilliseconds(100), nameof(PollInterval), "at least 100 ms");
        Check(InvisibilityTimeout >= TimeSpan.FromSeconds(5), nameof(InvisibilityTimeout), "at least 5 seconds");
        Check(HeartbeatInterval >= TimeSpan.FromSeconds(1), nameof(HeartbeatInterval), "at least 1 second");
        Check(InteractiveModelWait > TimeSpan.Zero, nameof(InteractiveModelWait), "a positive duration");
        Check(MaxTextTokens >= 8, nameof(MaxTextTokens), "at least 8");

        static void Check(bool ok, string name, string rule)
        {
            if (!ok)
            {
                throw new ArgumentOutOfRangeException(name, $"Worker:{name} must be {rule}; fix the configuration (appsettings.json or VIDEOLANG_Worker__{name}).");
            }
        }
    }
}
