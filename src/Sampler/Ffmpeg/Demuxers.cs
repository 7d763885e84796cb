using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Ffmpeg;

/// <summary>Maps <see cref="ContainerFormats"/> to ffmpeg demuxer names and back.</summary>
internal static class Demuxers
{
    private static readonly (ContainerFormats Format, string Name)[] s_names =
    [
        (ContainerFormats.Mov, "mov"),
        (ContainerFormats.Matroska, "matroska"),
        (ContainerFormats.Avi, "avi"),
        (ContainerFormats.MpegTs, "mpegts"),
        (ContainerFormats.Flv, "flv"),
    ];

    /// <summary>The value of <c>-format_whitelist</c>: the allowed demuxers, comma separated.</summary>
    public static string Whitelist(ContainerFormats allowed) =>
        string.Join(',', s_names.Where(n => allowed.HasFlag(n.Format)).Select(n => n.Name));

    /// <summary>The short name to force with <c>-f</c>.</summary>
    public static string Name(ContainerFormats format) =>
        s_names.Single(n => n.Format == format).Name;

    /// <summary>
    /// The container of a probed <c>format_name</c> such as <c>mov,mp4,m4a,3gp,3g2,mj2</c> or
    /// <c>matroska,webm</c>; <see cref="ContainerFormats.None"/> when it is none of ours.
    /// </summary>
    public static ContainerFormats FromFormatName(string formatName)
    {
        var first = formatName.Split(',')[0];
        foreach (var (format, name) in s_names)
        {
            if (string.Equals(first, name, StringComparison.Ordinal))
            {
                return format;
            }
        }

        return ContainerFormats.None;
    }
}
