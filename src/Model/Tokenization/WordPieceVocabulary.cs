using System.Collections.Immutable;
using System.Text;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// A WordPiece vocabulary: tokens whose ids are their positions, as in BERT's <c>vocab.txt</c>
/// (one token per line, the id is the line number counted from 0). Continuation pieces carry
/// their prefix ("##ing"). Immutable and safe to share between threads.
/// </summary>
public sealed class WordPieceVocabulary
{
    private readonly ImmutableArray<string> _tokens;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ids;

    /// <summary>Creates a vocabulary in which each token's id is its position in <paramref name="tokens"/>.</summary>
    /// <remarks>
    /// A token that appears twice keeps both ids for <see cref="this[int]"/>, and looking it up
    /// gives the later one, as BERT's <c>load_vocab</c> does.
    /// </remarks>
    public WordPieceVocabulary(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _tokens = [.. tokens];
        var ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (var id = 0; id < _tokens.Length; id++)
        {
            var token = _tokens[id] ?? throw new ArgumentException($"The token with id {id} is null; every id needs a token.", nameof(tokens));
            if (token.Length != token.Trim().Length || token.AsSpan().ContainsAny('\n', '\r'))
            {
                throw new ArgumentException(
                    $"The token with id {id} (\"{token}\") has a line break or leading or trailing whitespace, which " +
                    "vocab.txt cannot hold; remove it from the token.",
                    nameof(tokens));
            }

            ids[token] = id;
        }

        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The number of ids.</summary>
    public int Count => _tokens.Length;

    /// <summary>The tokens in id order.</summary>
    public ImmutableArray<string> Tokens => _tokens;

    /// <summary>The token with the given id.</summary>
    public string this[int id]
    {
        get
        {
            if ((uint)id >= (uint)_tokens.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(id), id, $"Token ids run from 0 to {_tokens.Length - 1} in this vocabulary.");
            }

            return _tokens[id];
        }
    }

    /// <summary>Finds the id of a token (ordinal, case-sensitive).</summary>
    public bool TryGetId(string token, out int id)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _ids.Dictionary.TryGetValue(token, out id);
    }

    /// <summary>Finds the id of a token given as characters, without allocating a string.</summary>
    public bool TryGetId(ReadOnlySpan<char> token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>
    /// Reads a <c>vocab.txt</c>: UTF-8 (a byte-order mark is skipped), one token per line with
    /// surrounding whitespace trimmed, the id of a token being its line number from 0.
    /// </summary>
    public static WordPieceVocabulary Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Vocabulary file '{path}' does not exist; pass the vocab.txt of the checkpoint (one token per line).", path);
        }

        var vocabulary = new WordPieceVocabulary(File.ReadLines(path, Encoding.UTF8).Select(line => line.Trim()));
        if (vocabulary.Count == 0)
        {
            throw new InvalidDataException($"Vocabulary file '{path}' holds no tokens; it needs one token per line.");
        }

        return vocabulary;
    }

    /// <summary>
    /// Writes the vocabulary as <c>vocab.txt</c> (UTF-8 without byte-order mark, one token per
    /// line ending in '\n'). The file is replaced atomically: readers see the old file or the new one.
    /// </summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var temporary = $"{fullPath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                foreach (var token in _tokens)
                {
                    writer.Write(token);
                    writer.Write('\n');
                }
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
