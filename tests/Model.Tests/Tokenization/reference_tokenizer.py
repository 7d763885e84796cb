#!/usr/bin/python3
"""Independent reference for VideoLang's BERT WordPiece tokenizer; writes golden.jsonl.

This script is the reference the C# tokenizer (src/Model/Tokenization) is checked against. It
uses only the Python standard library and shares no code with the C# implementation.

* `basic_tokenize` and `wordpiece_tokenize` transcribe Google's original BERT tokenizer
  (google-research/bert, tokenization.py, Apache License 2.0): clean text, split CJK ideographs,
  split on whitespace, lower-case and strip accents, split on punctuation, then greedy
  longest-match-first WordPiece with "##" continuations and [UNK] for words over 100 characters
  or without a match. HuggingFace's BertTokenizer computes the same ids.
* `split_special_tokens` adds what HuggingFace does before that: the special tokens ([CLS],
  [SEP], [MASK], [PAD], [UNK]) are cut out of the text where they occur, case-sensitively, and
  kept whole.
* `encode` builds [CLS] A [SEP] (B [SEP]) with token type ids 0/1 and truncates pairs
  longest-first (Google's _truncate_seq_pair; HuggingFace's "longest_first" removes the same
  tokens).
* Offsets come from a second, character-tracking pass (`tracked_words`) that carries each
  character's position in the original string through the same steps; the script asserts that
  this pass yields exactly the tokens of the transcribed algorithm. Offsets are [start, end)
  in UTF-16 code units of the original text (what a .NET string index is); the added [CLS] and
  [SEP] get [0, 0].

Run from the repository root (the vocabulary is the shared bert-base-uncased one):

    /usr/bin/python3 tests/Model.Tests/Tokenization/reference_tokenizer.py \
        ../shared/data/bert-base-uncased-vocab.txt tests/Model.Tests/Tokenization/golden.jsonl

The golden ids depend on the Unicode tables of the Python that wrote them (3.11, Unicode 14):
code points assigned later are "unassigned" there and get dropped as control characters, so
the cases below stay within Unicode 14.
"""

import collections
import json
import sys
import unicodedata

UNK, CLS, SEP, PAD, MASK = "[UNK]", "[CLS]", "[SEP]", "[PAD]", "[MASK]"
SPECIAL_TOKENS = (UNK, SEP, PAD, CLS, MASK)
MAX_INPUT_CHARS_PER_WORD = 100


# ---------------------------------------------------------------------------------------------
# Google's tokenization.py, transcribed (do_lower_case=True).

def load_vocab(path):
    vocab = collections.OrderedDict()
    with open(path, encoding="utf-8") as reader:
        index = 0
        while True:
            token = reader.readline()
            if not token:
                break
            vocab[token.strip()] = index
            index += 1
    return vocab


def whitespace_tokenize(text):
    text = text.strip()
    return text.split() if text else []


def is_whitespace(char):
    if char in (" ", "\t", "\n", "\r"):
        return True
    return unicodedata.category(char) == "Zs"


def is_control(char):
    if char in ("\t", "\n", "\r"):
        return False
    return unicodedata.category(char).startswith("C")


def is_punctuation(char):
    cp = ord(char)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def is_chinese_char(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def clean_text(text):
    output = []
    for char in text:
        cp = ord(char)
        if cp == 0 or cp == 0xFFFD or is_control(char):
            continue
        output.append(" " if is_whitespace(char) else char)
    return "".join(output)


def tokenize_chinese_chars(text):
    output = []
    for char in text:
        if is_chinese_char(ord(char)):
            output.extend((" ", char, " "))
        else:
            output.append(char)
    return "".join(output)


def strip_accents(text):
    text = unicodedata.normalize("NFD", text)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def split_on_punctuation(text):
    output = []
    start_new_word = True
    for char in text:
        if is_punctuation(char):
            output.append([char])
            start_new_word = True
        else:
            if start_new_word:
                output.append([])
            start_new_word = False
            output[-1].append(char)
    return ["".join(x) for x in output]


def basic_tokenize(text):
    text = clean_text(text)
    text = tokenize_chinese_chars(text)
    split_tokens = []
    for token in whitespace_tokenize(text):
        token = strip_accents(token.lower())
        split_tokens.extend(split_on_punctuation(token))
    return whitespace_tokenize(" ".join(split_tokens))


def wordpiece_tokenize(word, vocab):
    """Returns (token, start, end) with start/end indexing the word's characters."""
    chars = list(word)
    if len(chars) > MAX_INPUT_CHARS_PER_WORD:
        return [(UNK, 0, len(chars))]
    pieces = []
    start = 0
    while start < len(chars):
        end = len(chars)
        current = None
        while start < end:
            substr = "".join(chars[start:end])
            if start > 0:
                substr = "##" + substr
            if substr in vocab:
                current = substr
                break
            end -= 1
        if current is None:
            return [(UNK, 0, len(chars))]
        pieces.append((current, start, end))
        start = end
    return pieces


# ---------------------------------------------------------------------------------------------
# HuggingFace's extension: special tokens written in the text stay whole.

def split_special_tokens(text):
    """Yields (segment, start_index, is_special), leftmost and then longest match first."""
    specials = sorted(SPECIAL_TOKENS, key=len, reverse=True)
    i = segment_start = 0
    while i < len(text):
        match = next((s for s in specials if text.startswith(s, i)), None)
        if match is None:
            i += 1
            continue
        if i > segment_start:
            yield text[segment_start:i], segment_start, False
        yield match, i, True
        i += len(match)
        segment_start = i
    if segment_start < len(text):
        yield text[segment_start:], segment_start, False


# ---------------------------------------------------------------------------------------------
# Offsets: the same steps again, each character carrying its original [start, end).

def tracked_words(segment, utf16_start):
    """Words of basic_tokenize(segment) as lists of (char, start, end); positions in UTF-16."""
    chars = []
    for i, char in enumerate(segment):
        chars.append((char, utf16_start[i], utf16_start[i + 1]))

    chunks, current = [], []
    for char, start, end in chars:
        cp = ord(char)
        if cp == 0 or cp == 0xFFFD or is_control(char):
            continue
        if is_whitespace(char) or char.isspace():  # str.split() also splits on U+2028/U+2029
            chunks.append(current)
            current = []
        elif is_chinese_char(cp):
            chunks.extend((current, [(char, start, end)]))
            current = []
        else:
            current.append((char, start, end))
    chunks.append(current)

    words = []
    for chunk in chunks:
        if not chunk:
            continue
        # Lower-case the chunk as a whole (Greek final sigma depends on the neighbours), then
        # hand each character's share back to it: lower() maps a character to the same number
        # of characters wherever it stands.
        lowered = "".join(c for c, _, _ in chunk).lower()
        normalized, position = [], 0
        for char, start, end in chunk:
            share = lowered[position:position + len(char.lower())]
            position += len(share)
            for decomposed in unicodedata.normalize("NFD", share):
                if unicodedata.category(decomposed) != "Mn":
                    normalized.append((decomposed, start, end))
        word = []
        for item in normalized:
            if is_punctuation(item[0]):
                words.extend((word, [item]))
                word = []
            else:
                word.append(item)
        words.append(word)
    return [w for w in words if w]


# ---------------------------------------------------------------------------------------------
# Encoding.

def tokenize_with_offsets(text, vocab):
    """[(token, start, end)] for the text, no [CLS]/[SEP] added."""
    utf16_start = [0]
    for char in text:
        utf16_start.append(utf16_start[-1] + (2 if ord(char) > 0xFFFF else 1))

    output = []
    for segment, offset, is_special in split_special_tokens(text):
        if is_special:
            output.append((segment, utf16_start[offset], utf16_start[offset + len(segment)]))
            continue
        words = tracked_words(segment, utf16_start[offset:])
        assert ["".join(c for c, _, _ in w) for w in words] == basic_tokenize(segment), segment
        for word in words:
            for token, start, end in wordpiece_tokenize("".join(c for c, _, _ in word), vocab):
                covered = word[start:end]
                output.append((token, min(s for _, s, _ in covered), max(e for _, _, e in covered)))
    return output


def encode(text, vocab, text_pair=None, max_length=None):
    first = tokenize_with_offsets(text, vocab)
    second = tokenize_with_offsets(text_pair, vocab) if text_pair is not None else None
    if max_length is not None:
        if second is None:
            first = first[:max_length - 2]
        else:
            while len(first) + len(second) > max_length - 3:
                if len(first) > len(second):
                    first.pop()
                else:
                    second.pop()
    tokens = [(CLS, 0, 0)] + first + [(SEP, 0, 0)]
    type_ids = [0] * len(tokens)
    if second is not None:
        tokens += second + [(SEP, 0, 0)]
        type_ids += [1] * (len(second) + 1)
    return {
        "tokens": [t for t, _, _ in tokens],
        "ids": [vocab[t] for t, _, _ in tokens],
        "type_ids": type_ids,
        "offsets": [[s, e] for _, s, e in tokens],
    }


# ---------------------------------------------------------------------------------------------
# The golden cases: (text, text_pair, max_length).

CASES = [
    ("hello world", None, None),
    ("Hello, World!", None, None),
    ("a red circle moves left on a blue background", None, None),
    ("what colour is the circle?", None, None),
    ("What color is the square? It's GREEN.", None, None),
    ("the blue square moves up and then turns right", None, None),
    ("is the circle to the left of the triangle?", None, None),
    ("how many shapes are there? three", None, None),
    ("a man slicing tomatoes", None, None),
    ('Text overlay reads "HELLO 123" in white', None, None),
    ("The quick brown fox jumps over the lazy dog.", None, None),
    ("Café naïve résumé façade", None, None),
    ("Ångström Øresund Straße Zürich, München, Köln", None, None),
    ("naïveté coöperate Tiếng Việt có dấu", None, None),
    ("e\u0301 combining acute, decomposed cafe\u0301", None, None),
    ("İstanbul ŞIŞLI A\u0130B", None, None),
    ("ΟΔΟΣ Σ ΣΑΣ. ὈΔΥΣΣΕΎΣ ΑΣ' Σ.Σ", None, None),
    ("Привет, мир! ЁЖИК", None, None),
    ("中文分词测试", None, None),
    ("日本語のテキスト、カタカナ", None, None),
    ("한국어 텍스트", None, None),
    ("\U00020000 CJK extension B\U0002A6D6", None, None),
    ("مرحبا بالعالم", None, None),
    ("שָׁלוֹם", None, None),
    ("नमस्ते दुनिया", None, None),
    ("สวัสดีครับ", None, None),
    ("I \u2764\ufe0f video \U0001F3A5\U0001F642 emoji \U0001F44D\U0001F3FD", None, None),
    ("thumbs\U0001F44Dup", None, None),
    ("The year 2024 had 365.25 days; pi\u22483.14159", None, None),
    ("20:15 on 2024-01-31, 3x speed", None, None),
    ("$100 \u20ac50 \u00a330 \u00a51000", None, None),
    ("x\u00b2+y\u00b3=z\u2074 \u00bd \u00bc", None, None),
    ("\u2200x\u2208\u211d: x\u00b2\u22650", None, None),
    ("\ufb01ne \ufb02ower", None, None),
    ("\uff26\uff35\uff2c\uff2c\uff37\uff29\uff24\uff34\uff28 \uff54\uff45\uff58\uff54 \uff11\uff12\uff13", None, None),
    ("\U0001D401\U0001D428\U0001D425\U0001D41D math letters", None, None),
    ("\u01c5ungla \u01c8", None, None),
    ("unbelievably hyperparameterization antidisestablishmentarianism", None, None),
    ("supercalifragilisticexpialidocious", None, None),
    ("a" * 100, None, None),
    ("short " + "b" * 101 + " tail", None, None),
    ("https://example.com/videos?id=42&t=1m30s", None, None),
    ("user@example.org #hashtag @mention", None, None),
    ("MiXeD CaSe WoRdS", None, None),
    ("  leading and trailing spaces  ", None, None),
    ("tabs\tand\nnewlines\r\nand\u00a0nbsp\u2003em-space", None, None),
    ("control\u0000chars\u0007here\u200bzero\u200dwidth\ufeffbom\ufffdrepl\u00adsoft", None, None),
    ("\u2028line separator\u2029paragraph", None, None),
    ("\ue000private use", None, None),
    ("a\u1fefb", None, None),
    ("Don't stop\u2014won't stop\u2026 \u201cquoted\u201d \u00abguillemets\u00bb \u00bfqu\u00e9?", None, None),
    ("C++ & C# are languages; x_y = a-b/c*d", None, None),
    ("!!!???...", None, None),
    ("word...word---word", None, None),
    ("[CLS] inside text [SEP] and [MASK] here", None, None),
    ("hello[MASK]world", None, None),
    ("[cls] lowercase is not special", None, None),
    ("[UNK] and [PAD]", None, None),
    ("[SEP][SEP]", None, None),
    ("", None, None),
    ("   \t\n", None, None),
    ("The quick brown fox jumps over the lazy dog.", None, 8),
    ("hello world", None, 2),
    ("what colour is the circle?", "a red circle moves left on a blue background", None),
    ("what colour is the circle?", "a red circle moves left on a blue background", 12),
    ("a b c d e f g h", "x y", 8),
    ("x y", "a b c d e f g h", 8),
    ("a b c d", "e f g h", 9),
    ("Café, naïve?", "", 6),
]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: reference_tokenizer.py VOCAB_TXT GOLDEN_JSONL")
    vocab = load_vocab(sys.argv[1])
    with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as out:
        for text, text_pair, max_length in CASES:
            record = {"text": text}
            if text_pair is not None:
                record["text_pair"] = text_pair
            if max_length is not None:
                record["max_length"] = max_length
            record.update(encode(text, vocab, text_pair, max_length))
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"wrote {len(CASES)} cases to {sys.argv[2]}")


if __name__ == "__main__":
    main()
