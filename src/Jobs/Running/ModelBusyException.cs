namespace VideoLang.Jobs.Running;

/// <summary>
/// An interactive model call did not get the model within <see cref="WorkerOptions.InteractiveModelWait"/>:
/// the runner was busy with earlier work. Nothing ran; the API answers 503 with <see cref="RetryAfter"/>.
/// </summary>
public sealed class ModelBusyException : Exception
{
    public ModelBusyException()
    {
    }

    public ModelBusyException(string message)
        : base(message)
    {
    }

    public ModelBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelBusyException(string message, TimeSpan retryAfter)
        : base(message)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>How long a client should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; } = TimeSpan.FromSeconds(1);
}
