using System.Text;

namespace VideoLang.Sampler.Validation;

/// <summary>
/// Recognises a file by its first bytes before ffprobe is run, so that playlists, scripts and other
/// formats never reach a demuxer, and the user is told what the file actually is. ffmpeg's own
/// <c>-format_whitelist</c> stays in force behind this check.
/// </summary>
internal static class ContainerSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeaderLength = 4096;

    private static readonly string[] s_movBoxes = ["ftyp", "moov", "mdat", "free", "skip", "wide", "pnot", "uuid"];
    private static readonly int[] s_tsPacketSizes = [188, 192, 204];

    public static SniffResult Sniff(ReadOnlySpan<byte> header)
    {
        if (header.IsEmpty)
        {
            return new(SniffVerdict.Empty, ContainerFormats.None, "an empty file");
        }

        if (header.Length >= 8 && IsAscii(header.Slice(4, 4), s_movBoxes))
        {
            return new(SniffVerdict.Container, ContainerFormats.Mov, "MP4/MOV");
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return new(SniffVerdict.Container, ContainerFormats.Matroska, "Matroska/WebM");
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8))
        {
            var form = header.Slice(8, 4);
            if (form.SequenceEqual("AVI "u8) || form.SequenceEqual("AVIX"u8) || form.SequenceEqual("AVI\x19"u8))
            {
                return new(SniffVerdict.Container, ContainerFormats.Avi, "AVI");
            }

            return new(SniffVerdict.OtherMedia, ContainerFormats.None,
                form.SequenceEqual("WAVE"u8) ? "a WAV audio file" : "a RIFF file that is not AVI");
        }

        if (header.Length >= 4 && header.StartsWith("FLV"u8) && header[3] == 1)
        {
            return new(SniffVerdict.Container, ContainerFormats.Flv, "FLV");
        }

        if (IsTransportStream(header))
        {
            return new(SniffVerdict.Container, ContainerFormats.MpegTs, "MPEG-TS");
        }

        if (NameScriptOrPlaylist(header) is { } script)
        {
            return new(SniffVerdict.PlaylistOrScript, ContainerFormats.None, script);
        }

        if (NameOtherMedia(header) is { } media)
        {
            return new(SniffVerdict.OtherMedia, ContainerFormats.None, media);
        }

        return IsText(header)
            ? new(SniffVerdict.Text, ContainerFormats.None, "a text file")
            : new(SniffVerdict.Unknown, ContainerFormats.None, "data in no known media format");
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes, string[] candidates) =>
        candidates.Contains(Encoding.ASCII.GetString(bytes), StringComparer.Ordinal);

    private static bool IsTransportStream(ReadOnlySpan<byte> header)
    {
        // Three sync bytes one packet apart, starting within the first packet (M2TS adds a 4-byte prefix).
        foreach (var size in s_tsPacketSizes)
        {
            for (var start = 0; start < size && start + (2 * size) < header.Length; start++)
            {
                if (header[start] == 0x47 && header[start + size] == 0x47 && header[start + (2 * size)] == 0x47)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? NameScriptOrPlaylist(ReadOnlySpan<byte> header)
    {
        var text = Encoding.UTF8.GetString(header[..Math.Min(header.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith("#EXTM3U", StringComparison.Ordinal))
        {
            return "an HLS/M3U playlist";
        }

        if (text.StartsWith("ffconcat", StringComparison.Ordinal) || text.StartsWith("file ", StringComparison.Ordinal))
        {
            return "an ffmpeg concat script";
        }

        if (text.StartsWith("[playlist]", StringComparison.OrdinalIgnoreCase))
        {
            return "a PLS playlist";
        }

        if (text.StartsWith('<') && (text.Contains("<MPD", StringComparison.Ordinal) || text.Contains("<smil", StringComparison.OrdinalIgnoreCase)))
        {
            return "a DASH/SMIL manifest";
        }

        return null;
    }

    private static string? NameOtherMedia(ReadOnlySpan<byte> header) => header switch
    {
        _ when header.StartsWith("GIF8"u8) => "a GIF image",
        _ when header.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) => "a PNG image",
        _ when header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "a JPEG image",
        _ when header.StartsWith("OggS"u8) => "an Ogg file",
        _ when header.StartsWith("ID3"u8) => "an MP3 audio file",
        _ when header.StartsWith("fLaC"u8) => "a FLAC audio file",
        _ when header.StartsWith("DKIF"u8) => "a raw IVF stream",
        _ when header.StartsWith("YUV4MPEG2"u8) => "a raw Y4M stream",
        _ when header.StartsWith("%PDF"u8) => "a PDF document",
        _ when header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]) => "an MPEG program stream",
        _ when header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x01]) || header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xB3]) => "a raw video elementary stream",
        _ => null,
    };

    private static bool IsText(ReadOnlySpan<byte> header)
    {
        var printable = 0;
        foreach (var b in header)
        {
            if (b == 0)
            {
                return false;
            }

            if (b is (>= 0x20 and < 0x7F) or (byte)'\t' or (byte)'\n' or (byte)'\r' or >= 0x80)
            {
                printable++;
            }
        }

        return printable >= header.Length * 0.95 && IsValidUtf8(header);
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> header)
    {
        // The header may end inside a multi-byte sequence; leave such a tail out.
        var end = header.Length;
        for (var i = header.Length - 1; i >= Math.Max(0, header.Length - 4); i--)
        {
            if (header[i] >= 0xC0)
            {
                end = i;
                break;
            }

            if (header[i] < 0x80)
            {
                break;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(header[..end]);
    }
}
