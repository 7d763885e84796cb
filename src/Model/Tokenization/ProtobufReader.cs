namespace VideoLang.Model.Tokenization;

/// <summary>
/// Reads protobuf wire format, just enough for a SentencePiece <c>ModelProto</c>: varints,
/// 32-bit floats, length-delimited fields; unknown fields are skipped. Errors name the file.
/// </summary>
internal ref struct ProtobufReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _path;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> data, string path)
    {
        _data = data;
        _path = path;
        _position = 0;
    }

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>Reads a field's key: its number and wire type.</summary>
    public (int Field, int WireType) ReadKey()
    {
        var key = ReadVarint();
        var field = (int)(key >> 3);
        if (field <= 0)
        {
            throw Corrupt($"field number {field}");
        }

        return (field, (int)(key & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw Corrupt("a varint runs past the end");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Corrupt("a varint longer than 10 bytes");
    }

    /// <summary>An int32 field: negative values are written as 64-bit two's complement.</summary>
    public int ReadInt32() => unchecked((int)ReadVarint());

    public float ReadFloat()
    {
        var bytes = Take(4);
        return BitConverter.ToSingle(BitConverter.IsLittleEndian ? bytes : [bytes[3], bytes[2], bytes[1], bytes[0]]);
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw Corrupt($"a field of {length} bytes runs past the end");
        }

        return Take((int)length);
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0:
                ReadVarint();
                break;
            case 1:
                Take(8);
                break;
            case 2:
                ReadBytes();
                break;
            case 5:
                Take(4);
                break;
            default:
                throw Corrupt($"wire type {wireType}");
        }
    }

    public readonly InvalidDataException Corrupt(string what) =>
        new($"{_path} is not a SentencePiece model (protobuf ModelProto): {what} at byte {_position}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw Corrupt($"{count} bytes wanted, {_data.Length - _position} left");
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
