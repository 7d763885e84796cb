namespace VideoLang.Sampler.Synthetic;

/// <summary>Container the generator writes; the file extension follows from it.</summary>
public enum VideoFileFormat
{
    Mp4,
    Mov,
    Mkv,
    Webm,
    Avi,
    MpegTs,
    Flv,
}
