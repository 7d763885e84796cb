namespace VideoLang.Sampler.Validation;

/// <summary>
/// The first check on an upload, before ffprobe: read its first bytes and refuse anything that is not
/// one of the allowed containers, saying what the file is instead.
/// </summary>
internal static class HeaderCheck
{
    public static async Task<ContainerFormats> CheckAsync(string fullPath, string fileName, ContainerFormats allowed, CancellationToken cancellationToken)
    {
        var header = new byte[ContainerSniffer.HeaderLength];
        int length;
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            length = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        var sniff = ContainerSniffer.Sniff(header.AsSpan(0, length));
        const string Allowed = "mp4/mov, matroska/webm, avi, mpegts or flv";
        switch (sniff.Verdict)
        {
            case SniffVerdict.Container when allowed.HasFlag(sniff.Container):
                return sniff.Container;
            case SniffVerdict.Container:
                throw new VideoRejectedException(VideoRejectionReason.UnsupportedContainer,
                    $"'{fileName}' is {sniff.Description}, which this service does not accept (allowed: {allowed}). Convert it to an allowed container.");
            case SniffVerdict.PlaylistOrScript:
                throw new VideoRejectedException(VideoRejectionReason.PlaylistOrScript,
                    $"'{fileName}' is {sniff.Description}. Playlists and scripts refer to other files and are never opened; upload the video file itself ({Allowed}).");
            case SniffVerdict.OtherMedia:
                throw new VideoRejectedException(VideoRejectionReason.UnsupportedContainer,
                    $"'{fileName}' is {sniff.Description}, not a video in an accepted container. Upload {Allowed}.");
            default:
                throw new VideoRejectedException(VideoRejectionReason.NotMediaFile,
                    $"'{fileName}' is {sniff.Description}, not a video. Upload {Allowed}.");
        }
    }
}
