namespace VideoLang.Jobs.Running;

/// <summary>
/// The job cannot succeed however often it is retried (the file is not a video, the video was
/// deleted). The message is shown to the user as the failure reason, so it says what to do.
/// </summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException()
    {
    }

    public JobFailedException(string message)
        : base(message)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
