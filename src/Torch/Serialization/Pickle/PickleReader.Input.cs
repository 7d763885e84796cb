using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>Reading operands: every length is checked against the bytes left before anything is allocated.</summary>
internal sealed partial class PickleReader
{
    private byte ReadByte() => Read(1)[0];

    private long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Read(8));

    private ReadOnlySpan<byte> Read(long count)
    {
        if (count < 0 || count > _end - _position)
        {
            throw Fail(count < 0
                ? $"a length of {count}"
                : $"{count} bytes are needed but only {_end - _position} are left: the pickle is truncated or a length is corrupt");
        }
        var span = _file.Span(_position, count);
        _position += count;
        return span;
    }

    private string Text(long length)
    {
        CheckTextLength(length, "string");
        var bytes = Read(length);
        try
        {
            return s_utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Fail($"a string of {length} bytes is not valid UTF-8");
        }
    }

    private byte[] Bytes(long length)
    {
        CheckTextLength(length, "bytes object");
        return Read(length).ToArray();
    }

    /// <summary>Strings in a state dict are names; a long one is refused before it is decoded, even when the bytes are present.</summary>
    private void CheckTextLength(long length, string what)
    {
        if (length > MaxTextBytes && length <= _end - _position)
        {
            throw Fail($"a {what} of {length} bytes is longer than the {MaxTextBytes} bytes a weights file's names need");
        }
    }

    private object Long(long length)
    {
        if (length < 0 || length > MaxLongBytes)
        {
            throw Fail($"an integer of {length} bytes (at most {MaxLongBytes} are read)");
        }
        var value = new BigInteger(Read(length), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private string Line()
    {
        var available = _end - _position;
        var window = _file.Span(_position, Math.Min(available, MaxGlobalLine + 1));
        var newline = window.IndexOf((byte)'\n');
        if (newline < 0)
        {
            throw Fail($"a GLOBAL name runs past {Math.Min(available, MaxGlobalLine)} bytes without a newline");
        }
        var text = Text(newline);
        _position++;
        return text;
    }
}
