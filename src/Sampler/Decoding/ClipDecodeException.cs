using System.Globalization;

namespace VideoLang.Sampler.Decoding;

/// <summary>
/// A clip could not be decoded: the stretch of the file it needs is corrupt or missing. The message
/// names the clip and its time range; <see cref="SamplerOptions.ConcealDecodeErrors"/> turns decoding
/// errors (but not missing frames) into a documented fallback instead.
/// </summary>
public sealed class ClipDecodeException : Exception
{
    public ClipDecodeException()
    {
    }

    public ClipDecodeException(string message)
        : base(message)
    {
    }

    public ClipDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClipDecodeException(string fileName, int clipIndex, double startSeconds, double endSeconds, string reason)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"Clip {clipIndex} ({startSeconds:0.###}-{endSeconds:0.###} s) of '{fileName}' could not be decoded: {reason}"))
    {
        ClipIndex = clipIndex;
        StartSeconds = startSeconds;
        EndSeconds = endSeconds;
    }

    public int ClipIndex { get; }

    public double StartSeconds { get; }

    public double EndSeconds { get; }
}
