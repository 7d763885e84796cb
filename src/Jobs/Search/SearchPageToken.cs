using System.Buffers.Binary;
using System.Buffers.Text;

namespace VideoLang.Jobs.Search;

/// <summary>
/// An opaque base64url page token: the (score, video, clip) of a page's last result. The next page is
/// what sorts after it (score descending, then video and clip), so a page never repeats a result.
/// </summary>
internal static class SearchPageToken
{
    private const byte Kind = 3;
    private const int Length = 1 + sizeof(double) + 16 + sizeof(int);

    public static string Create(SearchHit last)
    {
        var bytes = new byte[Length];
        bytes[0] = Kind;
        BinaryPrimitives.WriteDoubleBigEndian(bytes.AsSpan(1), last.Score);
        last.VideoId.TryWriteBytes(bytes.AsSpan(1 + sizeof(double)), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(1 + sizeof(double) + 16), last.Clip);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The position a token holds; throws <see cref="ArgumentException"/> for anything that is not one of ours.</summary>
    public static (double Score, Guid VideoId, int Clip) Read(string token)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            bytes = [];
        }
        if (bytes.Length != Length || bytes[0] != Kind)
        {
            throw new ArgumentException("page_token is not a token this search gave; pass the next_page_token of the previous page unchanged, or leave it out for the first page.", nameof(token));
        }
        return (BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(1)), new Guid(bytes.AsSpan(1 + sizeof(double), 16), bigEndian: true),
            BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1 + sizeof(double) + 16)));
    }

    /// <summary>True when <paramref name="hit"/> sorts after <paramref name="position"/>.</summary>
    public static bool IsAfter(SearchHit hit, (double Score, Guid VideoId, int Clip) position) =>
        hit.Score < position.Score ||
        (hit.Score == position.Score && (hit.VideoId.CompareTo(position.VideoId) > 0 || (hit.VideoId == position.VideoId && hit.Clip > position.Clip)));
}
