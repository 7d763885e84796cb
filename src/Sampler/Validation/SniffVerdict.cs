namespace VideoLang.Sampler.Validation;

/// <summary>What the first bytes of a file say it is.</summary>
internal enum SniffVerdict
{
    /// <summary>One of the allowed containers; <see cref="SniffResult.Container"/> says which.</summary>
    Container,

    Empty,

    /// <summary>A playlist or script that refers to other files.</summary>
    PlaylistOrScript,

    /// <summary>A media format we do not accept (image, audio, raw elementary stream, ...).</summary>
    OtherMedia,

    Text,

    Unknown,
}
