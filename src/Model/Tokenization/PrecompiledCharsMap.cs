using System.Buffers.Binary;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// A SentencePiece normalizer's <c>precompiled_charsmap</c>: a darts-clone double-array trie over
/// UTF-8 byte sequences whose values point into a block of NUL-terminated replacements (for
/// nmt_nfkc: NFKC plus SentencePiece's own folds, e.g. U+2581 to a space, controls removed).
/// Layout: a little-endian uint32 trie size in bytes, the trie's uint32 units, the replacements.
/// </summary>
internal sealed class PrecompiledCharsMap
{
    private readonly uint[] _units;
    private readonly byte[] _replacements;

    private PrecompiledCharsMap(uint[] units, byte[] replacements)
    {
        _units = units;
        _replacements = replacements;
    }

    public static PrecompiledCharsMap? Parse(ReadOnlySpan<byte> blob, string path)
    {
        if (blob.IsEmpty)
        {
            return null;
        }

        if (blob.Length < 4)
        {
            throw new InvalidDataException($"{path}: the normalizer's precompiled_charsmap has {blob.Length} bytes, too few for its header.");
        }

        var trieSize = BinaryPrimitives.ReadUInt32LittleEndian(blob);
        if (trieSize % 4 != 0 || trieSize > (uint)(blob.Length - 4) || trieSize == 0)
        {
            throw new InvalidDataException($"{path}: the normalizer's precompiled_charsmap claims a trie of {trieSize} bytes in {blob.Length - 4}.");
        }

        var units = new uint[trieSize / 4];
        for (var i = 0; i < units.Length; i++)
        {
            units[i] = BinaryPrimitives.ReadUInt32LittleEndian(blob[(4 + (4 * i))..]);
        }

        return new PrecompiledCharsMap(units, blob[(4 + (int)trieSize)..].ToArray());
    }

    /// <summary>The longest rule matching the start of <paramref name="input"/>: its length in bytes (0 when none) and its replacement.</summary>
    public int LongestMatch(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> replacement)
    {
        replacement = default;
        var longest = 0;
        var value = -1;
        uint position = 0;
        if (_units.Length == 0)
        {
            return 0;
        }

        position ^= Offset(_units[0]);
        for (var i = 0; i < input.Length; i++)
        {
            position ^= input[i];
            if (position >= _units.Length)
            {
                break;
            }

            var unit = _units[position];
            if (Label(unit) != input[i])
            {
                break;
            }

            position ^= Offset(unit);
            if (HasLeaf(unit) && position < _units.Length)
            {
                longest = i + 1;
                value = (int)Value(_units[position]);
            }
        }

        if (longest == 0)
        {
            return 0;
        }

        if (value < 0 || value >= _replacements.Length)
        {
            throw new InvalidDataException($"A precompiled_charsmap rule points at byte {value} of {_replacements.Length} replacement bytes.");
        }

        var rest = _replacements.AsSpan(value);
        var end = rest.IndexOf((byte)0);
        replacement = end < 0 ? rest : rest[..end];
        return longest;
    }

    private static bool HasLeaf(uint unit) => ((unit >> 8) & 1) == 1;

    private static uint Value(uint unit) => unit & ((1u << 31) - 1);

    private static uint Label(uint unit) => unit & ((1u << 31) | 0xFF);

    private static uint Offset(uint unit) => (unit >> 10) << (int)((unit & (1u << 9)) >> 6);
}
