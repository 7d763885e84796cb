using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace VideoLang.Model.Tokenization;

/// <summary>
/// CLIP's byte-level BPE tokenizer (OpenAI CLIP, open_clip and HuggingFace <c>CLIPTokenizer</c>
/// models) read from a model folder's <c>vocab.json</c> and <c>merges.txt</c>: text cleaned and
/// lower-cased (<see cref="ClipTextNormalizer"/>), split by CLIP's regex, each piece's UTF-8
/// bytes merged with "&lt;/w&gt;" ending a word, then <c>&lt;|startoftext|&gt;</c> ... 
/// <c>&lt;|endoftext|&gt;</c>, cut to the context (77) keeping the end token. The BPE itself is
/// Microsoft.ML.Tokenizers' <see cref="BpeTokenizer"/>, which gives transformers.js's ids on every
/// string the tests try; clean-up, special tokens, cutting, padding and masks are ours.
/// Immutable: one instance may be used from any number of threads.
/// </summary>
public sealed class ClipBpeTokenizer : ITextTokenizer
{
    /// <summary>CLIP's context: 77 positions.</summary>
    public const int DefaultContextLength = 77;

    /// <summary>The start token.</summary>
    public const string StartToken = "<|startoftext|>";

    /// <summary>The end token (also HF's pad and unknown token for openai/clip-vit-*).</summary>
    public const string EndToken = "<|endoftext|>";

    // CLIP's pre-tokenizer: contractions, letter runs, single digits, runs of anything else.
    private static readonly Regex s_split = new(
        @"'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    private readonly BpeTokenizer _bpe;

    private ClipBpeTokenizer(BpeTokenizer bpe, int startId, int endId, int padId, int contextLength)
    {
        _bpe = bpe;
        StartId = startId;
        EndId = endId;
        PadId = padId;
        ContextLength = contextLength;
    }

    /// <summary>Id of <c>&lt;|startoftext|&gt;</c> (49406 in OpenAI's vocabulary).</summary>
    public int StartId { get; }

    /// <inheritdoc />
    public int EndId { get; }

    /// <inheritdoc />
    public int PadId { get; }

    /// <inheritdoc />
    public int ContextLength { get; }

    /// <summary>
    /// Loads <c>vocab.json</c> (token to id) and <c>merges.txt</c> (one merge a line after an
    /// optional <c>#version</c> line). <paramref name="padTokenId"/> is the id padding is filled
    /// with: null for <c>&lt;|endoftext|&gt;</c> as HF's openai/clip-vit-* tokenizers pad, 0 for
    /// open_clip models (the attention mask and causal mask make the choice invisible to a
    /// correctly pooled model, but the ids differ).
    /// </summary>
    public static ClipBpeTokenizer FromFiles(string vocabJsonPath, string mergesPath, int contextLength = DefaultContextLength, int? padTokenId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabJsonPath);
        ArgumentException.ThrowIfNullOrEmpty(mergesPath);
        if (contextLength < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(contextLength), contextLength,
                "The context counts the start and end tokens, so it must be at least 2; CLIP's is 77.");
        }

        RequireFile(vocabJsonPath, "vocab.json");
        RequireFile(mergesPath, "merges.txt");
        var vocabulary = ReadVocabulary(vocabJsonPath);
        var startId = RequireToken(vocabulary, StartToken, vocabJsonPath);
        var endId = RequireToken(vocabulary, EndToken, vocabJsonPath);
        var padId = padTokenId ?? endId;
        if (padId < 0 || !vocabulary.ContainsValue(padId))
        {
            throw new ArgumentOutOfRangeException(nameof(padTokenId), padTokenId,
                $"The pad id is not an id of {vocabJsonPath}; pass null to pad with {EndToken} ({endId}) or 0 for open_clip models.");
        }

        var specialTokens = new Dictionary<string, int> { [StartToken] = startId, [EndToken] = endId };
        var options = new BpeOptions(vocabulary)
        {
            Merges = ReadMerges(mergesPath),
            Normalizer = ClipTextNormalizer.Instance,
            // The special tokens written in the text stay whole, as in HF's and open_clip's tokenizers.
            PreTokenizer = new RegexPreTokenizer(s_split, specialTokens),
            SpecialTokens = specialTokens,
            UnknownToken = EndToken,
            EndOfWordSuffix = "</w>",
            ByteLevel = true,
            FuseUnknownTokens = false,
        };

        try
        {
            return new ClipBpeTokenizer(BpeTokenizer.Create(options), startId, endId, padId, contextLength);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"{vocabJsonPath} and {mergesPath} do not make a BPE vocabulary: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ImmutableArray<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var content = _bpe.EncodeToIds(text);
        // The end token is kept when the text is cut (HF's truncation and open_clip both keep it):
        // the text tower pools its features there.
        var kept = Math.Min(content.Count, ContextLength - 2);
        var ids = ImmutableArray.CreateBuilder<int>(kept + 2);
        ids.Add(StartId);
        for (var i = 0; i < kept; i++)
        {
            ids.Add(content[i]);
        }

        ids.Add(EndId);
        return ids.MoveToImmutable();
    }

    /// <inheritdoc />
    public TokenBatch EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var rows = new ImmutableArray<int>[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            rows[i] = Encode(texts[i] ?? throw new ArgumentException($"Text {i} of the batch is null.", nameof(texts)));
        }

        return new TokenBatch(rows, ContextLength, PadId);
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The CLIP tokenizer's {what} is missing at {path}; copy it from the model folder.", path);
        }
    }

    private static Dictionary<string, int> ReadVocabulary(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<Dictionary<string, int>>(stream)
                ?? throw new InvalidDataException($"{path} holds JSON null; it must be an object of token to id.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a JSON object of token to id: {e.Message}", e);
        }
    }

    private static List<string> ReadMerges(string path)
    {
        var merges = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0 || (number == 1 && line.StartsWith("#version", StringComparison.Ordinal)))
            {
                continue;
            }

            if (line.Split(' ').Length != 2)
            {
                throw new InvalidDataException($"{path} line {number} is \"{line}\"; a merge is two symbols separated by one space.");
            }

            merges.Add(line);
        }

        return merges;
    }

    private static int RequireToken(Dictionary<string, int> vocabulary, string token, string path) =>
        vocabulary.TryGetValue(token, out var id)
            ? id
            : throw new InvalidDataException($"{path} has no {token}; a CLIP vocabulary ends with <|startoftext|> and <|endoftext|>.");
}
