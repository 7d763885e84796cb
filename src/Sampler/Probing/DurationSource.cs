namespace VideoLang.Sampler.Probing;

/// <summary>Where <see cref="VideoInfo.DurationSeconds"/> came from, most trustworthy first.</summary>
public enum DurationSource
{
    /// <summary>The container's own duration.</summary>
    Container,

    /// <summary>The video stream's duration (or its DURATION tag in Matroska).</summary>
    Stream,

    /// <summary>Neither was known: the video packets were counted and divided by the frame rate.</summary>
    Counted,
}
