using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// SentencePiece's text normalizer (normalizer.cc): at each position the longest user-defined
/// piece is kept as it is, else the longest precompiled_charsmap rule is applied, else one UTF-8
/// character is copied; leading, trailing and repeated spaces are dropped
/// (remove_extra_whitespaces), spaces become U+2581 (escape_whitespaces) and one U+2581 is put in
/// front (add_dummy_prefix). Works on UTF-8 bytes as the original does.
/// </summary>
internal sealed class SentencePieceNormalization
{
    private static readonly byte[] s_spaceSymbol = Encoding.UTF8.GetBytes("\u2581");
    private static readonly byte[] s_replacementCharacter = Encoding.UTF8.GetBytes("\uFFFD");

    private readonly PrecompiledCharsMap? _charsMap;
    private readonly byte[][] _userDefined;
    private readonly bool _addDummyPrefix;
    private readonly bool _removeExtraWhitespaces;
    private readonly bool _escapeWhitespaces;

    public SentencePieceNormalization(SentencePieceModel model, string path, bool addDummyPrefix)
    {
        _charsMap = PrecompiledCharsMap.Parse(model.PrecompiledCharsMap.AsSpan(), path);
        _userDefined = [.. model.Pieces
            .Where(p => p.Type == SentencePieceModel.PieceType.UserDefined)
            .Select(p => Encoding.UTF8.GetBytes(p.Text))
            .OrderByDescending(b => b.Length)];
        _addDummyPrefix = addDummyPrefix;
        _removeExtraWhitespaces = model.RemoveExtraWhitespaces;
        _escapeWhitespaces = model.EscapeWhitespaces;
    }

    public byte[] Normalize(string text)
    {
        ReadOnlySpan<byte> input = Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(input.Length + 3);
        if (_removeExtraWhitespaces)
        {
            while (!input.IsEmpty)
            {
                var consumed = NormalizePrefix(input, out var piece);
                if (!piece.SequenceEqual(" "u8))
                {
                    break;
                }

                input = input[consumed..];
            }
        }

        if (input.IsEmpty)
        {
            return [];
        }

        if (_addDummyPrefix)
        {
            AddSpace(output);
        }

        var previousWasSpace = _removeExtraWhitespaces;
        while (!input.IsEmpty)
        {
            var consumed = NormalizePrefix(input, out var piece);
            if (previousWasSpace)
            {
                while (!piece.IsEmpty && piece[0] == (byte)' ')
                {
                    piece = piece[1..];
                }
            }

            if (!piece.IsEmpty)
            {
                foreach (var b in piece)
                {
                    if (_escapeWhitespaces && b == (byte)' ')
                    {
                        output.AddRange(s_spaceSymbol);
                    }
                    else
                    {
                        output.Add(b);
                    }
                }

                previousWasSpace = piece[^1] == (byte)' ';
            }

            input = input[consumed..];
            if (!_removeExtraWhitespaces)
            {
                previousWasSpace = false;
            }
        }

        if (_removeExtraWhitespaces)
        {
            ReadOnlySpan<byte> space = _escapeWhitespaces ? s_spaceSymbol : " "u8;
            while (output.Count >= space.Length && System.Runtime.InteropServices.CollectionsMarshal.AsSpan(output)[^space.Length..].SequenceEqual(space))
            {
                output.RemoveRange(output.Count - space.Length, space.Length);
            }
        }

        return [.. output];
    }

    private void AddSpace(List<byte> output)
    {
        if (_escapeWhitespaces)
        {
            output.AddRange(s_spaceSymbol);
        }
        else
        {
            output.Add((byte)' ');
        }
    }

    /// <summary>How many input bytes the next normalization step consumes, and what it writes.</summary>
    private int NormalizePrefix(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> piece)
    {
        foreach (var symbol in _userDefined)
        {
            if (input.StartsWith(symbol))
            {
                piece = input[..symbol.Length];
                return symbol.Length;
            }
        }

        if (_charsMap is not null)
        {
            var length = _charsMap.LongestMatch(input, out piece);
            if (length > 0)
            {
                return length;
            }
        }

        var characterLength = Utf8.CharacterLength(input);
        if (characterLength == 0)
        {
            // A malformed byte becomes U+FFFD, one byte consumed (C# strings give none but lone surrogates).
            piece = s_replacementCharacter;
            return 1;
        }

        piece = input[..characterLength];
        return characterLength;
    }
}
