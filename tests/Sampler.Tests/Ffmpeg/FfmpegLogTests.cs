using VideoLang.Sampler.Ffmpeg;

namespace VideoLang.Sampler.Tests.Ffmpeg;

public sealed class FfmpegLogTests
{
    [Fact]
    public void TryParse_ReadsContextLevelAndText_WhenLineHasContext()
    {
        Assert.True(FfmpegLog.TryParse("[showinfo@p3 @ 0x55ba0065ea00] [info] n:   0 pts:  12800 pts_time:1", out var line));

        Assert.Equal(new FfmpegLogLine("showinfo@p3", "info", "n:   0 pts:  12800 pts_time:1"), line);
        Assert.False(line.IsError);
    }

    [Fact]
    public void TryParse_LeavesContextNull_WhenLineIsFfmpegsOwn()
    {
        Assert.True(FfmpegLog.TryParse("[error] Error while decoding stream #2:0: Invalid data found when processing input", out var line));

        Assert.Equal(new FfmpegLogLine(null, "error", "Error while decoding stream #2:0: Invalid data found when processing input"), line);
        Assert.True(line.IsError);
    }

    [Fact]
    public void TryParse_ReadsDemuxerNamesWithCommas_WhenContextIsAFormat()
    {
        Assert.True(FfmpegLog.TryParse("[mov,mp4,m4a,3gp,3g2,mj2 @ 0x561a621426c0] [error] moov atom not found", out var line));

        Assert.Equal("mov,mp4,m4a,3gp,3g2,mj2", line.Context);
        Assert.Equal("moov atom not found", line.Text);
    }

    [Fact]
    public void TryParse_ReturnsFalse_WhenLineHasNoLevel()
    {
        Assert.False(FfmpegLog.TryParse("    Stream #0:0: Video: h264", out _));
    }

    [Fact]
    public void Clean_RemovesPointers_WhenLineNamesAContext()
    {
        Assert.Equal("[hls] [error] Format not on whitelist", FfmpegLog.Clean("[hls @ 0x55dea37356c0] [error] Format not on whitelist"));
    }
}
