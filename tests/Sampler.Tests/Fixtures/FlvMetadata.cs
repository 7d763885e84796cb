using System.Buffers.Binary;
using System.Text;

namespace VideoLang.Sampler.Tests.Fixtures;

/// <summary>
/// Finds the <c>duration</c> number in an FLV's <c>onMetaData</c> script tag (FLV spec v10.1, E.4.4 and
/// AMF0) by walking the tags and the metadata's entries, so a test can damage it where the file says it is.
/// </summary>
internal static class FlvMetadata
{
    private const byte ScriptTag = 18;
    private const byte AmfNumber = 0;
    private const byte AmfBoolean = 1;
    private const byte AmfString = 2;
    private const byte AmfEcmaArray = 8;

    /// <summary>A copy of <paramref name="file"/> whose metadata says it lasts <paramref name="seconds"/>.</summary>
    public static byte[] WithDuration(byte[] file, double seconds)
    {
        var copy = (byte[])file.Clone();
        BinaryPrimitives.WriteDoubleBigEndian(copy.AsSpan(DurationOffset(file)), seconds);
        return copy;
    }

    public static double Duration(byte[] file) => BinaryPrimitives.ReadDoubleBigEndian(file.AsSpan(DurationOffset(file)));

    /// <summary>Where the 8-byte big-endian duration sits.</summary>
    private static int DurationOffset(byte[] file)
    {
        if (Encoding.ASCII.GetString(file, 0, 3) != "FLV")
        {
            throw new InvalidDataException("Not an FLV file.");
        }
        // The header's own length, then a 4-byte "previous tag size" before each tag.
        var at = (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(5)) + 4;
        while (at + 11 <= file.Length)
        {
            var type = file[at];
            var size = (file[at + 1] << 16) | (file[at + 2] << 8) | file[at + 3];
            var data = at + 11;
            if (type == ScriptTag)
            {
                return FindDuration(file, data, data + size);
            }
            at = data + size + 4;
        }
        throw new InvalidDataException("The FLV has no script tag.");
    }

    private static int FindDuration(byte[] file, int at, int end)
    {
        // "onMetaData" as an AMF string, then an ECMA array: a 4-byte count, then (name, value) pairs.
        Expect(file[at] == AmfString, at);
        at += 3 + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 1));
        Expect(file[at] == AmfEcmaArray, at);
        at += 5;
        while (at < end)
        {
            var nameLength = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at));
            var name = Encoding.ASCII.GetString(file, at + 2, nameLength);
            at += 2 + nameLength;
            var valueType = file[at];
            if (name == "duration" && valueType == AmfNumber)
            {
                return at + 1;
            }
            at += valueType switch
            {
                AmfNumber => 9,
                AmfBoolean => 2,
                AmfString => 3 + BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 1)),
                _ => throw new InvalidDataException($"AMF value type {valueType} at byte {at} before 'duration'; extend FlvMetadata to skip it."),
            };
        }
        throw new InvalidDataException("The FLV's metadata has no duration.");
    }

    private static void Expect(bool condition, int at)
    {
        if (!condition)
        {
            throw new InvalidDataException($"Unexpected AMF data at byte {at}.");
        }
    }
}
