using System.Globalization;
using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Thumbnails;

/// <summary>
/// Encodes one frame of a stored video as a small JPEG (a clip's thumbnail in the web page). ffmpeg runs
/// under the sampler's rules, as decoding does: through the process-wide <see cref="MediaProcesses"/>
/// bound and the <see cref="SamplerOptions.ProcessTimeout"/> budget, only the file protocol and the
/// allowed demuxers (the probed one forced), never a shell; the JPEG comes back through a pipe, so
/// ffmpeg writes no file of its own.
/// </summary>
public sealed class FrameThumbnails
{
    /// <summary>Largest JPEG accepted from ffmpeg; a 320 px frame is a few kilobytes.</summary>
    private const int MaxJpegBytes = 4 * 1024 * 1024;

    private readonly SamplerOptions _options;

    public FrameThumbnails(SamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>
    /// The frame at <paramref name="seconds"/> of the video at <paramref name="path"/> (a file the sampler
    /// probed as <paramref name="formatName"/>, ffprobe's <c>format_name</c>), scaled to fit
    /// <paramref name="size"/>×<paramref name="size"/>, as JPEG bytes. Throws <see cref="MediaToolException"/>
    /// naming the file when ffmpeg cannot make one.
    /// </summary>
    public async Task<byte[]> JpegAsync(string path, string? formatName, double seconds, int size, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"There is no file at '{fullPath}'. Pass the path of a stored video.", fullPath);
        }
        var fileName = Path.GetFileName(fullPath);
        var container = formatName is null ? Validation.ContainerFormats.None : Demuxers.FromFormatName(formatName);
        var c = CultureInfo.InvariantCulture;
        List<string> arguments = ["-nostdin", "-hide_banner", "-nostats", "-loglevel", "error", "-threads", "1"];
        InputArguments.Add(arguments, _options.AllowedContainers, container == Validation.ContainerFormats.None ? null : container);
        arguments.AddRange(["-ss", seconds.ToString("0.###", c), "-i", InputArguments.FileUrl(fullPath),
            "-map", "0:v:0", "-frames:v", "1", "-an",
            "-vf", string.Create(c, $"scale={size}:{size}:force_original_aspect_ratio=decrease"),
            "-f", "image2pipe", "-c:v", "mjpeg", "-q:v", "5", "pipe:1"]);

        using var jpeg = new MemoryStream();
        var errors = new List<string>();
        var exitCode = await MediaProcess.RunAsync(_options.FfmpegPath, arguments, fileName,
            (stdout, ct) => CopyCappedAsync(stdout, jpeg, ct),
            line =>
            {
                if (line.Length > 0 && errors.Count < 3)
                {
                    errors.Add(line.Replace(fullPath, fileName, StringComparison.Ordinal));
                }
            },
            _options.Budget, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || jpeg.Length == 0)
        {
            var why = errors.Count == 0 ? "no frame at that time" : string.Join("; ", errors);
            throw new MediaToolException(string.Create(c,
                $"ffmpeg made no thumbnail of {fileName} at {seconds:0.###} s (exit code {exitCode}: {why}). The stored file may be damaged; upload the video again."));
        }
        return jpeg.ToArray();
    }

    private static async Task CopyCappedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (target.Length + read > MaxJpegBytes)
            {
                throw new MediaToolException($"ffmpeg wrote more than {MaxJpegBytes} bytes for one thumbnail; stopped.");
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }
}
