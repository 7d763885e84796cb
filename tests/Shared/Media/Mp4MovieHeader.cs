using System.Buffers.Binary;
using System.Text;

namespace VideoLang.Tests.Media;

/// <summary>
/// Finds an mp4's movie header (<c>moov/mvhd</c>, ISO/IEC 14496-12 §8.2.2) by walking the boxes, so a
/// test can damage its time scale at the offset the file itself gives rather than at a magic number.
/// </summary>
/// <param name="TimeScaleOffset">Where the 32-bit time scale sits in the file.</param>
/// <param name="TimeScale">Time units per second.</param>
/// <param name="Duration">The movie's duration in those units.</param>
public sealed record Mp4MovieHeader(int TimeScaleOffset, uint TimeScale, ulong Duration)
{
    public static Mp4MovieHeader Find(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var (moovStart, moovEnd) = FindBox(file, 0, file.Length, "moov");
        var (mvhd, _) = FindBox(file, moovStart, moovEnd, "mvhd");
        // A full box: version (1 byte) and flags (3), then creation and modification times of 4 bytes
        // each in version 0, 8 in version 1, then the time scale and the duration (4 or 8 bytes).
        var version = file[mvhd];
        var timeScaleOffset = mvhd + 4 + (version == 1 ? 16 : 8);
        var timeScale = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(timeScaleOffset));
        var duration = version == 1
            ? BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(timeScaleOffset + 4))
            : BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(timeScaleOffset + 4));
        return new Mp4MovieHeader(timeScaleOffset, timeScale, duration);
    }

    /// <summary>A copy of <paramref name="file"/> whose movie header has <paramref name="timeScale"/>.</summary>
    public static byte[] WithTimeScale(byte[] file, uint timeScale)
    {
        var header = Find(file);
        var copy = (byte[])file.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(header.TimeScaleOffset), timeScale);
        return copy;
    }

    /// <summary>The payload (after size and type) of the first box of <paramref name="type"/> between two offsets.</summary>
    private static (int Start, int End) FindBox(byte[] file, int start, int end, string type)
    {
        var at = start;
        while (at + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            var header = 8;
            if (size == 1)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(file.AsSpan(at + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = end - at;
            }
            if (size < header || at + size > end)
            {
                throw new InvalidDataException($"The box at byte {at} claims {size} bytes; the file is not a well-formed mp4.");
            }
            if (Encoding.ASCII.GetString(file, at + 4, 4) == type)
            {
                return (at + header, (int)(at + size));
            }
            at += (int)size;
        }
        throw new InvalidDataException($"No '{type}' box between bytes {start} and {end}.");
    }
}
