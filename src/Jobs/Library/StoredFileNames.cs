using System.Globalization;
using VideoLang.Sampler.Validation;

namespace VideoLang.Jobs.Library;

/// <summary>
/// Names for what a client sends: a stored file is named by its content hash and the extension of the
/// container ffprobe found (never the client's: <c>x.exe</c> must not become an .exe on disk), and the
/// client's name is kept only for display, without control or bidirectional-override characters
/// (a U+202E in "clip\u202Egpj.exe" shows as "clipexe.jpg").
/// </summary>
internal static class StoredFileNames
{
    private const int MaxDisplayLength = 200;

    public static string Extension(ContainerFormats container) => container switch
    {
        ContainerFormats.Mov => ".mp4",
        ContainerFormats.Matroska => ".mkv",
        ContainerFormats.Avi => ".avi",
        ContainerFormats.MpegTs => ".ts",
        ContainerFormats.Flv => ".flv",
        _ => ".video",
    };

    public static string DisplayName(string originalName)
    {
        var last = originalName.Replace('\\', '/').Split('/')[^1];
        var clean = new string(last.Where(c => !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format).ToArray()).Trim();
        clean = clean.Length > MaxDisplayLength ? clean[..MaxDisplayLength] : clean;
        return clean.Length == 0 ? "video" : clean;
    }
}
