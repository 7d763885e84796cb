namespace VideoLang.Api.Media;

/// <summary>
/// The Content-Type of a stored video, from the container ffprobe found (its <c>format_name</c>), never
/// from the client's file name. Matroska holding only web codecs is served as WebM, which browsers play.
/// </summary>
internal static class VideoMediaTypes
{
    private static readonly HashSet<string> s_webmCodecs = new(StringComparer.Ordinal) { "vp8", "vp9", "av1" };

    public static string For(string? formatName, string? codec) => formatName?.Split(',')[0] switch
    {
        "mov" => "video/mp4",
        "matroska" => codec is not null && s_webmCodecs.Contains(codec) ? "video/webm" : "video/x-matroska",
        "avi" => "video/x-msvideo",
        "mpegts" => "video/mp2t",
        "flv" => "video/x-flv",
        _ => "application/octet-stream",
    };
}
