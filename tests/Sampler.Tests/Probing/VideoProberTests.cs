using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Tests.Fixtures;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Tests.Probing;

[Collection(MediaCollection.Name)]
public sealed class VideoProberTests(MediaFixture media)
{
    private readonly VideoSampler _sampler = new();

    [Fact]
    public async Task ProbeAsync_DescribesTheVideo_WhenFileIsMp4()
    {
        var video = await _sampler.ProbeAsync(media.ColorsMp4);

        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", video.FormatName);
        Assert.Equal(ContainerFormats.Mov, video.Container);
        Assert.Equal("h264", video.VideoCodec);
        Assert.Equal((96, 64, 96, 64, 0), (video.CodedWidth, video.CodedHeight, video.DisplayWidth, video.DisplayHeight, video.RotationDegrees));
        Assert.Equal((6.0, DurationSource.Container), (video.DurationSeconds, video.DurationSource));
        Assert.Equal(new Fraction(25, 1), video.FrameRate);
        Assert.Equal(150, video.FrameCount);
        Assert.False(video.HasAudio);
        Assert.NotNull(video.BitRate);
        Assert.Equal(new FileInfo(media.ColorsMp4).Length, video.FileSizeBytes);
        Assert.Equal((0.0, 0.0), (video.ContainerStartSeconds, video.VideoStartSeconds));
    }

    [Fact]
    public async Task ProbeAsync_AppliesRotation_WhenDisplayMatrixIsSet()
    {
        var video = await _sampler.ProbeAsync(media.Rotated);

        Assert.Equal((96, 64, 64, 96, 90), (video.CodedWidth, video.CodedHeight, video.DisplayWidth, video.DisplayHeight, video.RotationDegrees));
        Assert.True(video.HasAudio);
    }

    [Fact]
    public async Task ProbeAsync_ReportsContainerStart_WhenFirstTimestampIsNotZero()
    {
        var transportStream = await _sampler.ProbeAsync(media.ColorsTs);
        var matroska = await _sampler.ProbeAsync(media.ColorsOffset);

        Assert.Equal((ContainerFormats.MpegTs, 1.48, 6.0), (transportStream.Container, transportStream.ContainerStartSeconds, transportStream.DurationSeconds));
        Assert.Equal((ContainerFormats.Matroska, 3.5), (matroska.Container, matroska.ContainerStartSeconds));
    }

    [Fact]
    public async Task ProbeAsync_CountsPackets_WhenContainerRecordsNoDuration()
    {
        var video = await _sampler.ProbeAsync(media.Streamed);

        Assert.Equal((2.0, DurationSource.Counted), (video.DurationSeconds, video.DurationSource));
    }

    [Theory]
    [InlineData("colors.webm", ContainerFormats.Matroska, "vp9")]
    [InlineData("colors.avi", ContainerFormats.Avi, "mpeg4")]
    [InlineData("colors.flv", ContainerFormats.Flv, "h264")]
    [InlineData("colors-vfr.mkv", ContainerFormats.Matroska, "h264")]
    [InlineData("odd.mp4", ContainerFormats.Mov, "h264")]
    public async Task ProbeAsync_AcceptsFile_WhenContainerIsAllowed(string name, ContainerFormats container, string codec)
    {
        var video = await _sampler.ProbeAsync(Path.Combine(media.Root, name));

        Assert.Equal((container, codec), (video.Container, video.VideoCodec));
        Assert.InRange(video.DurationSeconds, 1.9, 6.01);
    }

    [Theory]
    [InlineData("random.bin", VideoRejectionReason.NotMediaFile, "'random.bin' is data in no known media format, not a video. Upload mp4/mov, matroska/webm, avi, mpegts or flv.")]
    [InlineData("empty.mp4", VideoRejectionReason.NotMediaFile, "'empty.mp4' is empty. Upload the video file itself (mp4/mov, matroska/webm, avi, mpegts or flv).")]
    [InlineData("notes.txt", VideoRejectionReason.NotMediaFile, "'notes.txt' is a text file, not a video. Upload mp4/mov, matroska/webm, avi, mpegts or flv.")]
    [InlineData("truncated.mp4", VideoRejectionReason.Unreadable, "'truncated.mp4' looks like an MP4/MOV file but ffprobe cannot read it (moov atom not found; truncated.mp4: Invalid data found when processing input). It is probably truncated or corrupt; upload the complete file.")]
    [InlineData("playlist.m3u8", VideoRejectionReason.PlaylistOrScript, "'playlist.m3u8' is an HLS/M3U playlist. Playlists and scripts refer to other files and are never opened; upload the video file itself (mp4/mov, matroska/webm, avi, mpegts or flv).")]
    [InlineData("playlist.mp4", VideoRejectionReason.PlaylistOrScript, "'playlist.mp4' is an HLS/M3U playlist. Playlists and scripts refer to other files and are never opened; upload the video file itself (mp4/mov, matroska/webm, avi, mpegts or flv).")]
    [InlineData("concat.mp4", VideoRejectionReason.PlaylistOrScript, "'concat.mp4' is an ffmpeg concat script. Playlists and scripts refer to other files and are never opened; upload the video file itself (mp4/mov, matroska/webm, avi, mpegts or flv).")]
    [InlineData("image.gif", VideoRejectionReason.UnsupportedContainer, "'image.gif' is a GIF image, not a video in an accepted container. Upload mp4/mov, matroska/webm, avi, mpegts or flv.")]
    [InlineData("audio-only.m4a", VideoRejectionReason.NoVideoStream, "'audio-only.m4a' (an MP4/MOV file) has no video stream, only audio, data or cover art. Upload a file with video.")]
    public async Task ProbeAsync_RejectsWithReason_WhenFileIsNotAnAcceptableVideo(string name, VideoRejectionReason reason, string message)
    {
        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => _sampler.ProbeAsync(Path.Combine(media.Root, name)));

        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task ProbeAsync_RejectsTooLargeFile_BeforeRunningFfprobe()
    {
        var sampler = new VideoSampler(new SamplerOptions { MaxFileBytes = 1024 });

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => sampler.ProbeAsync(media.ColorsMp4));

        Assert.Equal(VideoRejectionReason.FileTooLarge, error.Reason);
        Assert.EndsWith("the limit is 0 MiB. Compress or split the video before uploading.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeAsync_RejectsLongVideo_WhenOverDurationCap()
    {
        var sampler = new VideoSampler(new SamplerOptions { MaxDuration = TimeSpan.FromSeconds(5) });

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => sampler.ProbeAsync(media.ColorsMp4));

        Assert.Equal(VideoRejectionReason.DurationTooLong, error.Reason);
        Assert.Equal("'colors.mp4' lasts 0:06.0; the limit is 0:05.0. Split or trim the video before uploading.", error.Message);
    }

    [Fact]
    public async Task ProbeAsync_RejectsLargeFrames_WhenOverResolutionCap()
    {
        var sampler = new VideoSampler(new SamplerOptions { MaxResolution = 64 });

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => sampler.ProbeAsync(media.ColorsMp4));

        Assert.Equal(VideoRejectionReason.ResolutionTooHigh, error.Reason);
        Assert.Equal("'colors.mp4' is 96x64 pixels; the limit is 64 pixels per side. Downscale the video before uploading.", error.Message);
    }

    [Fact]
    public async Task ProbeAsync_RejectsContainer_WhenItIsNotInTheAllowList()
    {
        var sampler = new VideoSampler(new SamplerOptions { AllowedContainers = ContainerFormats.Mov | ContainerFormats.Matroska });

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => sampler.ProbeAsync(media.ColorsTs));

        Assert.Equal(VideoRejectionReason.UnsupportedContainer, error.Reason);
        Assert.Equal("'colors.ts' is MPEG-TS, which this service does not accept (allowed: Mov, Matroska). Convert it to an allowed container.", error.Message);
    }

    [Fact]
    public async Task ProbeAsync_ThrowsFileNotFound_WhenPathDoesNotExist()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => _sampler.ProbeAsync(Path.Combine(media.Root, "missing.mp4")));
    }

    [Fact]
    public void Constructor_Throws_WhenOptionsAreInvalid()
    {
        var error = Assert.Throws<ArgumentException>(() => new VideoSampler(new SamplerOptions { MaxConcurrentDecodes = 0 }));

        Assert.Equal("SamplerOptions.MaxConcurrentDecodes is invalid: use at least 1. (Parameter 'MaxConcurrentDecodes')", error.Message);
    }
}
