namespace VideoLang.Api.Uploads;

/// <summary>
/// An upload on disk under its client-side name in a folder of its own (so the probe's messages name the
/// file the person sent), with its size and SHA-256. Disposing deletes the folder and whatever is still
/// in it: after the library moved the file into storage, only the empty folder.
/// </summary>
internal sealed class UploadedFile(string directory, string fileName, long length, string sha256) : IDisposable
{
    public string FileName { get; } = fileName;

    public string Path { get; } = System.IO.Path.Combine(directory, fileName);

    public long Length { get; } = length;

    /// <summary>Lower-case hex, as the library stores it.</summary>
    public string Sha256 { get; } = sha256;

    public void Dispose() => Delete(directory);

    internal static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
