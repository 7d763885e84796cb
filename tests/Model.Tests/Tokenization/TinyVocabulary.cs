using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>A hand-made vocabulary small enough to check every id by eye; a token's id is its index.</summary>
internal static class TinyVocabulary
{
    public static readonly string[] Tokens =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]",   // 0-4
        "hello", "world", "how", "are", "you",          // 5-9
        "!", "?", ",", "play", "##ing",                 // 10-14
        "##ed", "un", "##aff", "##able", "a",           // 15-19
        "red", "circle", "##s", "cafe", "中",            // 20-24
        ".", "[", "]",                                  // 25-27
    ];

    public static WordPieceTokenizer Tokenizer(WordPieceOptions? options = null) => new(new WordPieceVocabulary(Tokens), options);
}
