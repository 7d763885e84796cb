namespace VideoLang.Jobs.Running;

/// <summary>
/// Thrown to Hangfire by an attempt that hit a retryable fault and recorded it: <see cref="RetryFilter"/>
/// schedules the next attempt after <see cref="Delay"/>, the back-off the job row already shows.
/// </summary>
internal sealed class RetryLaterException(TimeSpan delay, string message, Exception fault) : Exception(message, fault)
{
    public TimeSpan Delay { get; } = delay;
}
