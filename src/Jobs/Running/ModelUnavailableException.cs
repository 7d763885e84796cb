namespace VideoLang.Jobs.Running;

/// <summary>No model is active, or the active one cannot be loaded. Retried: an administrator can fix it while the job waits.</summary>
public sealed class ModelUnavailableException : Exception
{
    public ModelUnavailableException()
    {
    }

    public ModelUnavailableException(string message)
        : base(message)
    {
    }

    public ModelUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
