namespace VideoLang.Sampler.Validation;

/// <summary>
/// The file is not a video the sampler will touch. <see cref="Reason"/> says which rule it broke and
/// the message says what was found and what to upload instead, in words fit for the person who
/// uploaded it.
/// </summary>
public sealed class VideoRejectedException : Exception
{
    public VideoRejectedException()
    {
    }

    public VideoRejectedException(string message)
        : base(message)
    {
    }

    public VideoRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public VideoRejectedException(VideoRejectionReason reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    public VideoRejectionReason Reason { get; }
}
