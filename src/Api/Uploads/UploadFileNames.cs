namespace VideoLang.Api.Uploads;

/// <summary>The client's file name made safe to use as a file name on this machine: no folders, no control characters, at most 200 characters.</summary>
internal static class UploadFileNames
{
    private const int MaxLength = 200;
    private const string Fallback = "upload";

    public static string Sanitise(string? name)
    {
        // Some clients send a full Windows path; keep only its last segment.
        var last = (name ?? "").Replace('\\', '/').Split('/').LastOrDefault() ?? "";
        var invalid = System.IO.Path.GetInvalidFileNameChars();
        var clean = new string(last.Where(c => !char.IsControl(c) && !invalid.Contains(c)).ToArray()).Trim().TrimStart('.');
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
