using Microsoft.EntityFrameworkCore;
using Npgsql;
using VideoLang.Model.Checkpoints;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Validation;

namespace VideoLang.Jobs.Running;

/// <summary>
/// Which faults are worth another attempt, and how long to wait before it: exponential back-off
/// from <see cref="WorkerOptions.RetryBaseDelay"/>, capped, with ±20% jitter so jobs that failed
/// together (a database restart) do not all come back in the same second.
/// </summary>
internal static class RetryPolicy
{
    /// <summary>False for faults no retry can fix: a rejected or undecodable video, a broken model folder, a job told it has failed.</summary>
    public static bool IsRetryable(Exception fault) => fault switch
    {
        JobFailedException or VideoRejectedException or ClipDecodeException or CheckpointException => false,
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or TimeoutException,
        DbUpdateException { InnerException: { } inner } => IsRetryable(inner),
        // Anything else (I/O, timeouts, ffmpeg not starting, no model yet, a bug) gets the capped retries.
        _ => true,
    };

    public static TimeSpan Delay(int attempt, WorkerOptions options)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        var jitter = 0.8 + (0.4 * Random.Shared.NextDouble());
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
