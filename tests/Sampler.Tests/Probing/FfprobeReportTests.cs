using System.Text.Json;
using VideoLang.Sampler.Probing;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Tests.Probing;

public sealed class FfprobeReportTests
{
    [Fact]
    public void Parse_ReturnsNull_WhenTheOnlyPictureIsCoverArt()
    {
        var report = Parse("""
            {"streams":[{"index":0,"codec_type":"audio","codec_name":"aac"},
                        {"index":1,"codec_type":"video","codec_name":"mjpeg","width":300,"height":300,"disposition":{"attached_pic":1}}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"3.0"}}
            """);

        Assert.Null(report);
    }

    [Fact]
    public void Parse_LeavesDurationUnknown_WhenNothingRecordsIt()
    {
        var report = Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":64,"height":48,"time_base":"1/1000","avg_frame_rate":"10/1"}],
             "format":{"format_name":"matroska,webm","duration":"N/A"}}
            """);

        Assert.NotNull(report);
        Assert.Null(report.Duration);
        Assert.Equal(ContainerFormats.Matroska, report.Partial.Container);
        Assert.Equal(new Fraction(10, 1), report.Partial.FrameRate);
    }

    [Fact]
    public void Parse_UsesMatroskaDurationTag_WhenStreamHasNoDuration()
    {
        var report = Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":64,"height":48,"tags":{"DURATION":"00:01:02.500000000"}}],
             "format":{"format_name":"matroska,webm"}}
            """);

        Assert.Equal((62.5, DurationSource.Stream), (report!.Duration, report.Source));
    }

    [Fact]
    public void Parse_TurnsDisplayMatrixIntoClockwiseRotation_WhenPhoneRecordedPortrait()
    {
        var report = Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"h264","width":1920,"height":1080,
                         "side_data_list":[{"side_data_type":"Display Matrix","rotation":-90}]},
                        {"index":1,"codec_type":"audio","codec_name":"aac"}],
             "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"12.5","start_time":"0.000000","bit_rate":"800000"}}
            """);

        var video = report!.WithDuration(12.5, DurationSource.Container);
        Assert.Equal((1920, 1080, 1080, 1920, 90), (video.CodedWidth, video.CodedHeight, video.DisplayWidth, video.DisplayHeight, video.RotationDegrees));
        Assert.True(video.HasAudio);
        Assert.Equal(800000, video.BitRate);
    }

    [Fact]
    public void Parse_AppliesPixelAspectRatio_WhenPixelsAreNotSquare()
    {
        var report = Parse("""
            {"streams":[{"index":0,"codec_type":"video","codec_name":"mpeg2video","width":720,"height":576,"sample_aspect_ratio":"16:15"}],
             "format":{"format_name":"mpegts","duration":"1.0","start_time":"1.400000"}}
            """);

        Assert.Equal((768, 576), (report!.Partial.DisplayWidth, report.Partial.DisplayHeight));
        Assert.Equal(1.4, report.Partial.ContainerStartSeconds);
    }

    private static FfprobeReport? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FfprobeReport.Parse(document.RootElement, fileSize: 1000);
    }
}
