namespace VideoLang.Sampler.Validation;

/// <summary>Why a file was refused; the API maps each to its own problem type.</summary>
public enum VideoRejectionReason
{
    /// <summary>Empty, text, or bytes that are no known media format.</summary>
    NotMediaFile,

    /// <summary>Looks like an allowed container but ffprobe cannot read it (truncated or corrupt).</summary>
    Unreadable,

    /// <summary>A playlist or script (HLS, DASH, concat, ...) that would make ffmpeg open other files.</summary>
    PlaylistOrScript,

    /// <summary>A media format outside the allow-list (an image, audio, raw stream, ...).</summary>
    UnsupportedContainer,

    /// <summary>The container holds no video stream (audio only, or only cover art).</summary>
    NoVideoStream,

    /// <summary>The duration is zero or cannot be determined.</summary>
    UnknownDuration,

    /// <summary>The file is larger than <see cref="SamplerOptions.MaxFileBytes"/>.</summary>
    FileTooLarge,

    /// <summary>The video is longer than <see cref="SamplerOptions.MaxDuration"/>.</summary>
    DurationTooLong,

    /// <summary>Width or height exceeds <see cref="SamplerOptions.MaxResolution"/>.</summary>
    ResolutionTooHigh,

    /// <summary>The container's header and the video stream disagree wildly about the duration: the header is damaged.</summary>
    InconsistentDuration,
}
