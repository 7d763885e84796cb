using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;
using VideoLang.Sampler.Tests.Fixtures;

namespace VideoLang.Sampler.Tests.Decoding;

public sealed class FilterChainTests
{
    [Fact]
    public void Geometry_ScalesLongerSideAndPadsBottomRight_WhenPadToSquare()
    {
        Assert.Equal(
            "scale=48:32:flags=bilinear,format=rgb24,pad=48:48:0:0:black,setsar=1",
            FilterChain.Geometry(Videos.Info(96, 64), new FrameSpec(48)));
    }

    [Fact]
    public void Geometry_TruncatesShorterSide_AsClipBertDoes()
    {
        Assert.Equal(
            "scale=32:18:flags=bilinear,format=rgb24,pad=32:32:0:0:black,setsar=1",
            FilterChain.Geometry(Videos.Info(97, 55), new FrameSpec(32)));
    }

    [Fact]
    public void Geometry_RotatesBeforeScaling_WhenDisplayMatrixTurnsThePicture()
    {
        Assert.Equal(
            "transpose=clock,scale=32:48:flags=bilinear,format=rgb24,pad=48:48:0:0:black,setsar=1",
            FilterChain.Geometry(Videos.Info(96, 64, rotation: 90), new FrameSpec(48)));
        Assert.Equal(
            "hflip,vflip,scale=48:32:flags=bilinear,format=rgb24,pad=48:48:0:0:black,setsar=1",
            FilterChain.Geometry(Videos.Info(96, 64, rotation: 180), new FrameSpec(48)));
    }

    [Fact]
    public void Geometry_ScalesShorterSideAndCropsCentre_WhenCenterCrop()
    {
        Assert.Equal(
            "scale=72:48:flags=bilinear,crop=48:48:12:0,format=rgb24,setsar=1",
            FilterChain.Geometry(Videos.Info(96, 64), new FrameSpec(48, ResizeMode.CenterCrop)));
    }

    [Fact]
    public void ForClip_SelectsFramesBeforeTouchingPixels_WhenBuildingAChain()
    {
        var timing = ClipTiming.For(Videos.Info(timeBase: "1/1000"), new ClipSampling(FramesPerClip: 2, FramesPerSecond: 2), firstFrameSeconds: 3);

        Assert.Equal(
            "[1:0]showinfo@p1=checksum=0,setpts=PTS-3000+if(gt(PTS-3000\\,500)\\,1001\\,0),tpad=stop_mode=clone:stop_duration=1.5,fps=fps=2/1:round=up:start_time=0,trim=end_frame=2,showinfo@q1=checksum=0,setsar=1[c1]",
            FilterChain.ForClip(1, 0, timing, 2, "setsar=1", "c1"));
    }
}
