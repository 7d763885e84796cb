using System.Text;
using VideoLang.Sampler.Validation;

namespace VideoLang.Sampler.Tests.Validation;

public sealed class ContainerSnifferTests
{
    public static TheoryData<byte[], ContainerFormats> Containers => new()
    {
        { [0, 0, 0, 0x20, .. "ftypisom"u8.ToArray()], ContainerFormats.Mov },
        { [0, 0, 0, 0x08, .. "wide"u8.ToArray()], ContainerFormats.Mov },
        { [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81], ContainerFormats.Matroska },
        { [.. "RIFF"u8.ToArray(), 0, 0, 0, 0, .. "AVI LIST"u8.ToArray()], ContainerFormats.Avi },
        { [.. "FLV"u8.ToArray(), 1, 5, 0, 0, 0, 9], ContainerFormats.Flv },
        { TransportStream(188, prefix: 0), ContainerFormats.MpegTs },
        { TransportStream(192, prefix: 4), ContainerFormats.MpegTs },
    };

    [Theory]
    [MemberData(nameof(Containers))]
    public void Sniff_RecognisesContainer_WhenSignatureMatches(byte[] header, ContainerFormats expected)
    {
        var result = ContainerSniffer.Sniff(header);

        Assert.Equal(SniffVerdict.Container, result.Verdict);
        Assert.Equal(expected, result.Container);
    }

    [Theory]
    [InlineData("#EXTM3U\n#EXTINF:1,\nsegment.ts\n", "an HLS/M3U playlist")]
    [InlineData("\uFEFF#EXTM3U\n", "an HLS/M3U playlist")]
    [InlineData("ffconcat version 1.0\nfile 'a.mp4'\n", "an ffmpeg concat script")]
    [InlineData("file '/etc/passwd'\n", "an ffmpeg concat script")]
    [InlineData("[playlist]\nFile1=a.mp4\n", "a PLS playlist")]
    [InlineData("<?xml version=\"1.0\"?><MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">", "a DASH/SMIL manifest")]
    public void Sniff_NamesPlaylistOrScript_WhenFileRefersToOthers(string text, string description)
    {
        var result = ContainerSniffer.Sniff(Encoding.UTF8.GetBytes(text));

        Assert.Equal(new SniffResult(SniffVerdict.PlaylistOrScript, ContainerFormats.None, description), result);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "a GIF image")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A }, "a PNG image")]
    [InlineData(new byte[] { 0x49, 0x44, 0x33, 0x04, 0x00 }, "an MP3 audio file")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 }, "a WAV audio file")]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x01, 0x67, 0x64 }, "a raw video elementary stream")]
    public void Sniff_NamesFormat_WhenMediaIsNotAnAllowedContainer(byte[] header, string description)
    {
        var result = ContainerSniffer.Sniff(header);

        Assert.Equal(new SniffResult(SniffVerdict.OtherMedia, ContainerFormats.None, description), result);
    }

    [Fact]
    public void Sniff_ReportsText_WhenBytesAreReadableUtf8()
    {
        var result = ContainerSniffer.Sniff(Encoding.UTF8.GetBytes("Notes: café, naïve — not a video.\n"));

        Assert.Equal(SniffVerdict.Text, result.Verdict);
    }

    [Fact]
    public void Sniff_ReportsUnknown_WhenBytesAreRandom()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        Assert.Equal(SniffVerdict.Unknown, ContainerSniffer.Sniff(bytes).Verdict);
    }

    [Fact]
    public void Sniff_ReportsEmpty_WhenThereAreNoBytes()
    {
        Assert.Equal(SniffVerdict.Empty, ContainerSniffer.Sniff([]).Verdict);
    }

    private static byte[] TransportStream(int packetSize, int prefix)
    {
        var bytes = new byte[packetSize * 4];
        for (var i = prefix; i < bytes.Length; i += packetSize)
        {
            bytes[i] = 0x47;
        }

        return bytes;
    }
}
