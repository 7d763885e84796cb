using System.Buffers.Binary;
using System.Text;

namespace VideoLang.Torch.Serialization.Pickle;

/// <summary>
/// The central directory of a zip archive as PyTorch writes it (every entry stored, zip64 records
/// when the file is large): each entry's name, where its bytes start in the file and how many
/// there are. Only the directory is trusted for sizes; every range is checked against the file.
/// Written here rather than through System.IO.Compression because the reader needs each stored
/// entry's offset, to read tensors in place from the mapped file.
/// </summary>
internal sealed class ZipDirectory
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint DirectoryEntry = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;
    private const int EndOfDirectorySize = 22;
    private const int DirectoryEntrySize = 46;
    private const int LocalHeaderSize = 30;

    private readonly MappedFile _file;
    private readonly Dictionary<string, RawEntry> _entries;

    private ZipDirectory(MappedFile file, Dictionary<string, RawEntry> entries)
    {
        (_file, _entries) = (file, entries);
    }

    /// <summary>One stored entry: its bytes are [<see cref="Offset"/>, <see cref="Offset"/> + <see cref="Size"/>) of the file.</summary>
    public sealed record Entry(string Name, long Offset, long Size);

    private sealed record RawEntry(string Name, ushort Method, ushort Flags, long CompressedSize, long Size, long HeaderOffset);

    public IEnumerable<string> Names => _entries.Keys;

    public static ZipDirectory Read(MappedFile file)
    {
        var (count, directoryOffset, directorySize) = FindDirectory(file);
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > file.Length - directorySize)
        {
            throw Fail(file, $"the central directory claims bytes [{directoryOffset}, {directoryOffset + directorySize}) of a {file.Length}-byte file (truncated?)");
        }
        if (count < 0 || count > directorySize / DirectoryEntrySize)
        {
            throw Fail(file, $"the central directory claims {count} entries in {directorySize} bytes");
        }
        var entries = new Dictionary<string, RawEntry>(StringComparer.Ordinal);
        var position = directoryOffset;
        var end = directoryOffset + directorySize;
        for (long i = 0; i < count; i++)
        {
            if (end - position < DirectoryEntrySize || U32(file, position) != DirectoryEntry)
            {
                throw Fail(file, $"central directory entry {i} at byte {position} is malformed");
            }
            var header = file.Span(position, DirectoryEntrySize);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(header[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            long headerOffset = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            var variable = (long)nameLength + extraLength + commentLength;
            if (end - position - DirectoryEntrySize < variable)
            {
                throw Fail(file, $"central directory entry {i} runs past the directory");
            }
            var name = Encoding.UTF8.GetString(file.Span(position + DirectoryEntrySize, nameLength));
            var extra = file.Span(position + DirectoryEntrySize + nameLength, extraLength);
            (size, compressed, headerOffset) = ApplyZip64(file, name, extra, size, compressed, headerOffset);
            if (!entries.TryAdd(name, new RawEntry(name, method, flags, compressed, size, headerOffset)))
            {
                throw Fail(file, $"the archive holds two entries named '{name}'");
            }
            position += DirectoryEntrySize + variable;
        }
        return new ZipDirectory(file, entries);
    }

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>Locates a stored entry's bytes, or null if there is no such entry.</summary>
    public Entry? Find(string name)
    {
        if (!_entries.TryGetValue(name, out var raw))
        {
            return null;
        }
        if ((raw.Flags & 1) != 0)
        {
            throw Fail(_file, $"entry '{name}' is encrypted");
        }
        if (raw.Method != 0 || raw.CompressedSize != raw.Size)
        {
            throw Fail(_file, $"entry '{name}' is compressed (method {raw.Method}); torch.save stores every entry uncompressed, so re-save the file with torch.save");
        }
        var at = raw.HeaderOffset;
        if (at < 0 || at > _file.Length - LocalHeaderSize || U32(_file, at) != LocalHeader)
        {
            throw Fail(_file, $"entry '{name}' has no local header at byte {at}");
        }
        var header = _file.Span(at, LocalHeaderSize);
        var data = at + LocalHeaderSize + BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (raw.Size > _file.Length - data)
        {
            throw Fail(_file, $"entry '{name}' claims {raw.Size} bytes from byte {data} but the file ends at {_file.Length} (truncated?)");
        }
        return new Entry(name, data, raw.Size);
    }

    private static (long Count, long Offset, long Size) FindDirectory(MappedFile file)
    {
        if (file.Length < EndOfDirectorySize)
        {
            throw Fail(file, $"{file.Length} bytes is too short for a zip archive");
        }
        // The end record sits in the last 22 bytes plus a comment of up to 65535 bytes.
        var start = Math.Max(0, file.Length - EndOfDirectorySize - ushort.MaxValue);
        var tail = file.Span(start, file.Length - start);
        for (var i = tail.Length - EndOfDirectorySize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail[i..]) != EndOfDirectory)
            {
                continue;
            }
            var record = tail[i..];
            long count = BinaryPrimitives.ReadUInt16LittleEndian(record[10..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(record[12..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(record[16..]);
            var at = start + i;
            if (count != ushort.MaxValue && size != uint.MaxValue && offset != uint.MaxValue)
            {
                return (count, offset, size);
            }
            return FindZip64Directory(file, at);
        }
        throw Fail(file, "no end-of-central-directory record: the zip archive is truncated");
    }

    private static (long Count, long Offset, long Size) FindZip64Directory(MappedFile file, long endRecord)
    {
        var locator = endRecord - 20;
        if (locator < 0 || U32(file, locator) != Zip64Locator)
        {
            throw Fail(file, "the end record asks for zip64 but there is no zip64 locator");
        }
        var at = BinaryPrimitives.ReadInt64LittleEndian(file.Span(locator + 8, 8));
        if (at < 0 || at > file.Length - 56 || U32(file, at) != Zip64EndOfDirectory)
        {
            throw Fail(file, $"no zip64 end record at byte {at}");
        }
        var record = file.Span(at, 56);
        return (BinaryPrimitives.ReadInt64LittleEndian(record[32..]), BinaryPrimitives.ReadInt64LittleEndian(record[48..]), BinaryPrimitives.ReadInt64LittleEndian(record[40..]));
    }

    /// <summary>Fields too large for 32 bits are 0xFFFFFFFF in the entry and follow in its zip64 extra field, in this order.</summary>
    private static (long Size, long Compressed, long Offset) ApplyZip64(MappedFile file, string name, ReadOnlySpan<byte> extra, long size, long compressed, long offset)
    {
        if (size != uint.MaxValue && compressed != uint.MaxValue && offset != uint.MaxValue)
        {
            return (size, compressed, offset);
        }
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (length > extra.Length - 4)
            {
                break;
            }
            var field = extra.Slice(4, length);
            if (id == 1)
            {
                size = Next(ref field, size);
                compressed = Next(ref field, compressed);
                offset = Next(ref field, offset);
                if (size < 0 || compressed < 0 || offset < 0)
                {
                    break;
                }
                return (size, compressed, offset);
            }
            extra = extra[(4 + length)..];
        }
        throw Fail(file, $"entry '{name}' needs a zip64 extra field that is missing or malformed");

        static long Next(ref ReadOnlySpan<byte> field, long value)
        {
            if (value != uint.MaxValue)
            {
                return value;
            }
            if (field.Length < 8)
            {
                return -1;
            }
            var wide = BinaryPrimitives.ReadInt64LittleEndian(field);
            field = field[8..];
            return wide;
        }
    }

    private static uint U32(MappedFile file, long offset) => BinaryPrimitives.ReadUInt32LittleEndian(file.Span(offset, 4));

    private static TensorFileException Fail(MappedFile file, string message) => new($"{file.Path}: {message}.");
}
