using System.Globalization;
using Microsoft.Extensions.Options;
using VideoLang.Jobs;
using VideoLang.Jobs.Store;
using VideoLang.Sampler;
using VideoLang.Sampler.Thumbnails;

namespace VideoLang.Api.Media;

/// <summary>
/// Clip thumbnails, made by ffmpeg on first request and kept on disk beside the stored videos
/// (<c>{Worker:StorageDirectory}/thumbnails/</c>), named by the video's content hash and the frame's time,
/// so tenants with the same file share them and a re-ingest with other clip times gets new ones.
/// </summary>
internal sealed class ClipThumbnailCache(VideoSampler sampler, IOptions<WorkerOptions> worker)
{
    /// <summary>Longer side of a thumbnail in pixels.</summary>
    public const int Size = 320;

    private readonly FrameThumbnails _thumbnails = new(sampler.Options);
    private readonly string _directory = Path.Combine(Path.GetFullPath(worker.Value.StorageDirectory), "thumbnails");

    /// <summary>The time in the video a clip's thumbnail shows: its first decoded frame, where search results and tags start playing.</summary>
    public static double FrameTime(Clip clip) => clip.FrameTimestamps.Length > 0 ? clip.FrameTimestamps[0] : clip.StartSeconds;

    /// <summary>The cache's name for the thumbnail: also its ETag, as the file never changes.</summary>
    public static string Name(Video video, Clip clip) =>
        string.Create(CultureInfo.InvariantCulture, $"{video.Sha256}-{Math.Round(FrameTime(clip) * 1000):0}ms-{Size}");

    /// <summary>The thumbnail's file, made first when it is not cached yet.</summary>
    public async Task<string> PathAsync(Video video, Clip clip, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, video.Sha256[..2], Name(video, clip) + ".jpg");
        if (File.Exists(path))
        {
            return path;
        }
        var jpeg = await _thumbnails.JpegAsync(video.StoredPath, video.Container, FrameTime(clip), Size, cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written aside and moved into place, so a concurrent request never reads half a file; two
        // requests making the same thumbnail at once both write the same bytes.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, jpeg, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
