namespace VideoLang.Sampler.Validation;

/// <summary>
/// The containers the sampler accepts, one flag per ffmpeg demuxer. Everything else, and in
/// particular every demuxer that can open other files (HLS and DASH playlists, concat scripts,
/// image-sequence patterns), is refused before ffmpeg sees the file.
/// </summary>
[Flags]
public enum ContainerFormats
{
    None = 0,

    /// <summary>MP4, MOV, M4V, 3GP (ffmpeg demuxer <c>mov</c>).</summary>
    Mov = 1,

    /// <summary>Matroska and WebM (ffmpeg demuxer <c>matroska</c>).</summary>
    Matroska = 2,

    /// <summary>AVI (ffmpeg demuxer <c>avi</c>).</summary>
    Avi = 4,

    /// <summary>MPEG transport stream, including 192-byte M2TS packets (ffmpeg demuxer <c>mpegts</c>).</summary>
    MpegTs = 8,

    /// <summary>Flash video (ffmpeg demuxer <c>flv</c>).</summary>
    Flv = 16,

    All = Mov | Matroska | Avi | MpegTs | Flv,
}
