using System.Globalization;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Probing;

/// <summary>
/// Probes and validates one file: size cap, first-bytes sniffing (so playlists and scripts never reach
/// a demuxer), then ffprobe restricted to the file protocol and the allowed demuxers, then the caps
/// that need ffprobe's answer.
/// </summary>
internal sealed class VideoProber(SamplerOptions options)
{
    public async Task<VideoInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var fileName = Path.GetFileName(fullPath);
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            throw new FileNotFoundException($"There is no file at '{fullPath}'. Pass the path of a stored video.", fullPath);
        }

        // Checked before anything opens the file: FIFOs and devices also report length 0.
        var size = file.Length;
        if (size == 0)
        {
            throw new VideoRejectedException(VideoRejectionReason.NotMediaFile,
                $"'{fileName}' is empty. Upload the video file itself (mp4/mov, matroska/webm, avi, mpegts or flv).");
        }

        if (size > options.MaxFileBytes)
        {
            throw new VideoRejectedException(VideoRejectionReason.FileTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"'{fileName}' is {size / (1024.0 * 1024):0.#} MiB; the limit is {options.MaxFileBytes / (1024.0 * 1024):0.#} MiB. Compress or split the video before uploading."));
        }

        var container = await HeaderCheck.CheckAsync(fullPath, fileName, options.AllowedContainers, cancellationToken).ConfigureAwait(false);
        var report = await RunProbeAsync(fullPath, fileName, container, size, cancellationToken).ConfigureAwait(false);
        var video = report.Partial;
        VideoValidator.CheckFrameSize(video, fileName);

        // Without the stream's own duration the packets are counted: the duration when nothing records
        // one, the check on the container's header when only the header does (FLV's metadata).
        var counted = report.VideoStreamDuration is null
            ? await CountDurationAsync(fullPath, container, video, cancellationToken).ConfigureAwait(false)
            : null;
        var (duration, source) = report.Duration is { } known ? (known, report.Source) : (counted, DurationSource.Counted);
        if (duration is not > 0)
        {
            throw new VideoRejectedException(VideoRejectionReason.UnknownDuration,
                $"'{fileName}' has no usable duration (none recorded and no frames to count). Remux it (ffmpeg -i in -c copy out.mp4) and upload again.");
        }

        if (report.ContainerDuration is { } header && (report.VideoStreamDuration ?? counted) is { } stream)
        {
            var videoEnd = video.ContainerStartSeconds + video.VideoStartSeconds + stream;
            VideoValidator.CheckDurationsAgree(header, stream, Math.Max(videoEnd, report.LatestStreamEnd ?? 0), report.VideoStreamDuration is null, fileName);
        }

        video = report.WithDuration(duration.Value, source);
        VideoValidator.CheckCaps(video, options, fileName);
        return video;
    }

    private async Task<FfprobeReport> RunProbeAsync(string fullPath, string fileName, ContainerFormats container, long size, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-hide_banner", "-loglevel", "level+error", "-print_format", "json", "-show_format", "-show_streams"];
        InputArguments.Add(arguments, options.AllowedContainers, forced: null);
        arguments.Add(InputArguments.FileUrl(fullPath));

        var (exitCode, json, errors) = await FfprobeRunner.RunAsync(options, arguments, fileName, cancellationToken).ConfigureAwait(false);
        if (errors.FirstOrDefault(e => e.Text.StartsWith("Format not on whitelist", StringComparison.Ordinal)) is { Context: { } demuxer })
        {
            throw new VideoRejectedException(VideoRejectionReason.UnsupportedContainer,
                $"'{fileName}' looks like {Describe(container)} at first but ffmpeg reads it as '{demuxer}', which is not accepted. Convert it to mp4.");
        }

        if (exitCode != 0 || json is null)
        {
            throw new VideoRejectedException(VideoRejectionReason.Unreadable,
                $"'{fileName}' looks like {Describe(container)} but ffprobe cannot read it ({FfprobeRunner.Summarise(errors, fullPath, fileName)}). It is probably truncated or corrupt; upload the complete file.");
        }

        using (json)
        {
            var probedContainer = Demuxers.FromFormatName(FfprobeJson.String(FfprobeJson.Child(json.RootElement, "format"), "format_name") ?? "");
            if (probedContainer == ContainerFormats.None || !options.AllowedContainers.HasFlag(probedContainer))
            {
                throw new VideoRejectedException(VideoRejectionReason.UnsupportedContainer,
                    $"ffprobe reads '{fileName}' as a container that is not accepted. Convert it to mp4.");
            }

            return FfprobeReport.Parse(json.RootElement, size)
                ?? throw new VideoRejectedException(VideoRejectionReason.NoVideoStream,
                    $"'{fileName}' ({Describe(container)}) has no video stream, only audio, data or cover art. Upload a file with video.");
        }
    }

    /// <summary>Duration from the number of video packets, for files that record none (streamed Matroska, FLV).</summary>
    private async Task<double?> CountDurationAsync(string fullPath, ContainerFormats container, VideoInfo video, CancellationToken cancellationToken)
    {
        if (!video.FrameRate.IsValid)
        {
            return null;
        }

        List<string> arguments = ["-hide_banner", "-loglevel", "level+error", "-print_format", "json",
            "-select_streams", video.VideoStreamIndex.ToString(CultureInfo.InvariantCulture), "-count_packets", "-show_entries", "stream=nb_read_packets"];
        InputArguments.Add(arguments, options.AllowedContainers, container);
        arguments.Add(InputArguments.FileUrl(fullPath));
        var (exitCode, json, _) = await FfprobeRunner.RunAsync(options, arguments, Path.GetFileName(fullPath), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0 || json is null)
        {
            json?.Dispose();
            return null;
        }

        using (json)
        {
            var stream = FfprobeJson.Array(json.RootElement, "streams").FirstOrDefault();
            var packets = FfprobeJson.Long(stream, "nb_read_packets");
            return packets is > 0 ? packets.Value / video.FrameRate.ToDouble() : null;
        }
    }

    private static string Describe(ContainerFormats container) => container switch
    {
        ContainerFormats.Mov => "an MP4/MOV file",
        ContainerFormats.Matroska => "a Matroska/WebM file",
        ContainerFormats.Avi => "an AVI file",
        ContainerFormats.MpegTs => "an MPEG-TS file",
        ContainerFormats.Flv => "an FLV file",
        _ => "a media file",
    };
}
