namespace VideoLang.Api.Uploads;

/// <summary>
/// The client's file name made safe to hold on this machine: no folders, no control or format
/// (bidirectional override) characters, at most 200 characters. It is only ever shown; stored files
/// are named by their content (see the library).
/// </summary>
internal static class UploadFileNames
{
    private const int MaxLength = 200;
    private const string Fallback = "upload";

    public static string Sanitise(string? name)
    {
        // Some clients send a full Windows path; keep only its last segment.
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var invalid = System.IO.Path.GetInvalidFileNameChars();
        var clean = new string(last.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format && !invalid.Contains(c)).ToArray()).Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            return Fallback;
        }
        if (clean.Length > MaxLength)
        {
            var extension = System.IO.Path.GetExtension(clean);
            extension = extension.Length <= 16 ? extension : "";
            clean = clean[..(MaxLength - extension.Length)] + extension;
        }
        return clean;
    }
}
