using System.Buffers.Binary;
using System.Buffers.Text;

namespace VideoLang.Api.Paging;

/// <summary>
/// Opaque base64url cursors. A video cursor holds the (created_at, id) of the last video of a page;
/// a QA item cursor holds the last ordinal. The first byte says which list a cursor belongs to, so a
/// cursor from one list is refused by another instead of silently skipping rows.
/// </summary>
internal static class Cursors
{
    private const byte VideoKind = 1;
    private const byte QaItemKind = 2;

    public static string ForVideo(DateTimeOffset createdAt, Guid id)
    {
        var bytes = new byte[1 + sizeof(long) + 16];
        bytes[0] = VideoKind;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), createdAt.UtcTicks);
        id.TryWriteBytes(bytes.AsSpan(1 + sizeof(long)), bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryReadVideo(string cursor, out DateTimeOffset createdAt, out Guid id)
    {
        createdAt = default;
        id = default;
        if (!TryDecode(cursor, VideoKind, 1 + sizeof(long) + 16, out var bytes))
        {
            return false;
        }
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(1));
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        createdAt = new DateTimeOffset(ticks, TimeSpan.Zero);
        id = new Guid(bytes.AsSpan(1 + sizeof(long)), bigEndian: true);
        return true;
    }

    public static string ForQaItem(int ordinal)
    {
        var bytes = new byte[1 + sizeof(int)];
        bytes[0] = QaItemKind;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1), ordinal);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryReadQaItem(string cursor, out int ordinal)
    {
        ordinal = 0;
        if (!TryDecode(cursor, QaItemKind, 1 + sizeof(int), out var bytes))
        {
            return false;
        }
        ordinal = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        return ordinal >= 0;
    }

    private static bool TryDecode(string cursor, byte kind, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return cursor.Length <= 64
            && Base64Url.IsValid(cursor, out var decodedLength) && decodedLength == length
            && Base64Url.DecodeFromChars(cursor, bytes) == length
            && bytes[0] == kind;
    }
}
