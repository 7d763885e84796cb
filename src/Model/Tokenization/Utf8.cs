using System.Buffers;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>UTF-8 helpers for the SentencePiece code, which works on bytes as the original does.</summary>
internal static class Utf8
{
    /// <summary>The byte length of the valid UTF-8 character starting <paramref name="bytes"/>, or 0 when it is malformed.</summary>
    public static int CharacterLength(ReadOnlySpan<byte> bytes) =>
        Rune.DecodeFromUtf8(bytes, out _, out var consumed) == OperationStatus.Done ? consumed : 0;
}
