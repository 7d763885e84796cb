using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Tests.Fixtures;
using VideoLang.Sampler.Validation;
using VideoLang.Tests.Media;

namespace VideoLang.Sampler.Tests.Probing;

/// <summary>
/// The container's duration is checked against the video stream's (or, when the stream records none, the
/// count of its packets): a damaged header is refused at the probe with the reason, files whose header is
/// legitimately longer than the video (an audio tail, a start offset) are not.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class VideoProberDurationTests(MediaFixture media) : IDisposable
{
    private readonly VideoSampler _sampler = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-duration-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ProbeAsync_RejectsTheFile_WhenTheMp4MovieHeaderHasTimeScaleZero()
    {
        var original = await File.ReadAllBytesAsync(media.ColorsMp4);
        var header = Mp4MovieHeader.Find(original);
        var path = Write("broken-mvhd.mp4", Mp4MovieHeader.WithTimeScale(original, 0));

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => _sampler.ProbeAsync(path));

        // The undamaged header says 6 s; ffmpeg reads time scale 0 as 1, so the same count becomes seconds.
        Assert.Equal(6.0, (double)header.Duration / header.TimeScale);
        Assert.Equal(VideoRejectionReason.InconsistentDuration, error.Reason);
        Assert.Equal(
            $"'broken-mvhd.mp4' has a damaged header: the container says it lasts {TimeSpan.FromSeconds(header.Duration):h\\:mm\\:ss} but its video stream lasts 0:06.0 (as its stream records). Remux it (ffmpeg -i in -c copy out.mp4) and upload again.",
            error.Message);
    }

    [Fact]
    public async Task ProbeAsync_AcceptsTheFile_WhenTheDamagedMp4IsRemuxedAsTheMessageSays()
    {
        var path = Write("broken-mvhd.mp4", Mp4MovieHeader.WithTimeScale(await File.ReadAllBytesAsync(media.ColorsMp4), 0));
        var remuxed = Path.Combine(_directory, "out.mp4");
        await Tools.FfmpegAsync("-i", path, "-c", "copy", remuxed);

        var video = await _sampler.ProbeAsync(remuxed);

        Assert.Equal(6.0, video.DurationSeconds, 2);
    }

    [Fact]
    public async Task ProbeAsync_RejectsTheFile_WhenFlvMetadataDisagreesWithThePacketCount()
    {
        var original = await File.ReadAllBytesAsync(media.Flv);
        var path = Write("broken-metadata.flv", FlvMetadata.WithDuration(original, 3000));

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => _sampler.ProbeAsync(path));

        Assert.InRange(FlvMetadata.Duration(original), 1.9, 2.5);
        Assert.Equal(VideoRejectionReason.InconsistentDuration, error.Reason);
        Assert.Equal(
            "'broken-metadata.flv' has a damaged header: the container says it lasts 50:00.0 but its video stream lasts 0:02.0 (counted from its packets). Remux it (ffmpeg -i in -c copy out.mp4) and upload again.",
            error.Message);
    }

    [Fact]
    public async Task ProbeAsync_AcceptsTheFile_WhenAudioOutlastsTheVideo()
    {
        var path = Path.Combine(_directory, "audio-tail.mp4");
        await Tools.FfmpegAsync("-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=1", "-f", "lavfi", "-i", "sine=d=9", "-c:v", "libx264", "-c:a", "aac", path);

        var video = await _sampler.ProbeAsync(path);

        Assert.Equal((9.0, DurationSource.Container), (Math.Round(video.DurationSeconds), video.DurationSource));
    }

    [Fact]
    public async Task ProbeAsync_AcceptsTheFile_WhenTheMp4StartsLateAndItsHeaderCountsFromZero()
    {
        var path = Path.Combine(_directory, "late.mp4");
        await Tools.FfmpegAsync("-f", "lavfi", "-i", "testsrc=s=64x48:r=10:d=3", "-c:v", "libx264", "-output_ts_offset", "30", path);

        var video = await _sampler.ProbeAsync(path);

        Assert.Equal(ContainerFormats.Mov, video.Container);
        Assert.Equal(30.0, video.ContainerStartSeconds, 2);
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}
