namespace VideoLang.Jobs;

/// <summary>
/// Settings of the job system (bound from the <c>Worker</c> configuration section). The defaults suit
/// the tiny model on a small CPU machine; a GPU box raises <see cref="Concurrency"/> and
/// <see cref="DecodeParallelism"/> so decoding keeps the model runner busy.
/// </summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Jobs one worker process runs at once (Quartz threads). Default 4.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Videos decoded at once by one worker; the model itself runs one call at a time per device. Default 2.</summary>
    public int DecodeParallelism { get; set; } = 2;

    /// <summary>Clips sampled per video at ingest (spread uniformly, as ClipBERT's inference). Default 4.</summary>
    public int ClipCount { get; set; } = 4;

    /// <summary>Frames per clip. Default: the active model's (<c>ClipBertConfig.FramesPerClip</c>, 2 as ClipBERT unless trained otherwise).</summary>
    public int? FramesPerClip { get; set; }

    /// <summary>Frame rate inside a clip. Default: the active model's (<c>ClipBertConfig.FramesPerSecond</c>, 2 as ClipBERT unless trained otherwise).</summary>
    public double? FramesPerSecond { get; set; }

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

    /// <summary>How often a worker tells the cluster it is alive. A dead worker's jobs are recovered about this long after it stops. Default 5 s.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle worker looks for jobs enqueued by other processes; Quartz allows no less than 1 s. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

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

    internal void Validate()
    {
        Check(Concurrency >= 1, nameof(Concurrency), "at least 1");
        Check(DecodeParallelism >= 1, nameof(DecodeParallelism), "at least 1");
        Check(ClipCount >= 1, nameof(ClipCount), "at least 1");
        Check(FramesPerClip is null or >= 1, nameof(FramesPerClip), "at least 1");
        Check(FramesPerSecond is null or > 0, nameof(FramesPerSecond), "positive");
        Check(MaxAttempts >= 1, nameof(MaxAttempts), "at least 1");
        Check(QaChunkSize >= 1, nameof(QaChunkSize), "at least 1");
        Check(PollInterval >= TimeSpan.FromSeconds(1), nameof(PollInterval), "at least 1 second");
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
