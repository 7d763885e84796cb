namespace VideoLang.Sampler.Ffmpeg;

/// <summary>
/// ffmpeg or ffprobe could not be run, crashed, or did not finish in time. This is a problem with
/// the machine or the configuration (missing binaries, a timeout too short for the file), not with
/// the uploaded video: those are reported as <see cref="Validation.VideoRejectedException"/> or
/// <see cref="Decoding.ClipDecodeException"/>.
/// </summary>
public sealed class MediaToolException : Exception
{
    public MediaToolException()
    {
    }

    public MediaToolException(string message)
        : base(message)
    {
    }

    public MediaToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
