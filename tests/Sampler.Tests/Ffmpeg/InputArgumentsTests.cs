using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Ffmpeg;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Tests.Fixtures;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Tests.Ffmpeg;

/// <summary>
/// An uploaded playlist or script must not make the server read another file. Every check watches the
/// file they point at with inotify and asserts that nothing opened it.
/// </summary>
[Collection(MediaCollection.Name)]
public sealed class InputArgumentsTests(MediaFixture media)
{
    private readonly VideoSampler _sampler = new();

    [Theory]
    [InlineData("playlist.m3u8")]
    [InlineData("playlist.mp4")]
    [InlineData("concat.mp4")]
    public async Task ProbeAsync_NeverOpensTheReferencedFile_WhenInputIsPlaylistOrScript(string name)
    {
        using var watch = new FileOpenWatch(media.Secret);

        var error = await Assert.ThrowsAsync<VideoRejectedException>(() => _sampler.ProbeAsync(Path.Combine(media.Root, name)));

        Assert.Equal(VideoRejectionReason.PlaylistOrScript, error.Reason);
        Assert.False(watch.WasOpened(), $"probing {name} opened {media.Secret}");
    }

    [Theory]
    [InlineData("playlist.m3u8", "hls")]
    [InlineData("concat.mp4", "concat")]
    public async Task Add_MakesFfprobeRefuseTheDemuxer_WhenSniffingIsBypassed(string name, string demuxer)
    {
        using var watch = new FileOpenWatch(media.Secret);
        List<string> arguments = ["-hide_banner", "-loglevel", "level+error", "-show_format"];
        InputArguments.Add(arguments, ContainerFormats.All, forced: null);
        arguments.Add(InputArguments.FileUrl(Path.Combine(media.Root, name)));

        var (exitCode, _, stderr) = await Tools.RunAsync("ffprobe", [.. arguments]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"[{demuxer} @ ", stderr, StringComparison.Ordinal);
        Assert.Contains("Format not on whitelist 'mov,matroska,avi,mpegts,flv'", stderr, StringComparison.Ordinal);
        Assert.False(watch.WasOpened(), $"ffprobe opened {media.Secret} through {name}");
    }

    [Fact]
    public async Task Add_ShowsTheAttackIsReal_WhenFfprobeRunsWithoutIt()
    {
        // The control for the tests above: unguarded, ffprobe follows the playlist into the other file.
        using var watch = new FileOpenWatch(media.Secret);

        var (exitCode, _, _) = await Tools.RunAsync("ffprobe", "-v", "error", "-show_format", media.Hls);

        Assert.Equal(0, exitCode);
        Assert.True(watch.WasOpened());
    }

    [Fact]
    public async Task DecodeAsync_ForcesTheProbedDemuxer_WhenFileWasSwappedForAPlaylist()
    {
        // A VideoInfo from a real MP4, handed a playlist: ffmpeg is told "-f mov" and cannot read it.
        var video = await _sampler.ProbeAsync(media.ColorsMp4);
        using var watch = new FileOpenWatch(media.Secret);

        var error = await Assert.ThrowsAsync<ClipDecodeException>(() =>
            _sampler.DecodeAsync(media.HlsNamedMp4, video, ClipPlan.ForInference(video.DurationSeconds, new ClipSampling()), new FrameSpec(16)));

        Assert.Equal(0, error.ClipIndex);
        Assert.False(watch.WasOpened());
    }

    [Fact]
    public void FileUrl_KeepsFfmpegFromReadingTheNameAsAProtocol_WhenPathContainsAColon()
    {
        Assert.Equal("file:/videos/concat:a.mp4|b.mp4", InputArguments.FileUrl("/videos/concat:a.mp4|b.mp4"));
    }
}
