#!/usr/bin/env python3
"""Writes the tiny CLIP BPE vocabulary the tokenizer tests use (vocab.json, merges.txt).

Laid out exactly as OpenAI's CLIP vocabulary is (bpe_simple_vocab_16e6 / HF openai/clip-vit-*):
the 256 byte symbols of GPT-2's byte-to-unicode map, the same 256 with "</w>", one entry per
merge in merge order, then <|startoftext|> and <|endoftext|>. The merges are learned by plain
BPE on the small corpus below (words lower-cased, split roughly as CLIP's regex does), so the
files are small (about 900 entries) but exercise multi-byte symbols (accents, CJK, emoji).
The outputs are checked in; run this only to change them:
    /usr/bin/python3 make_tiny_vocab.py
"""
import collections
import json
import os
import re

MERGES = 360

CORPUS = """
a photo of a cat. a photo of a dog. a photo of the cat sitting on the sofa.
a picture of two dogs running in the park; the dogs are running and jumping.
a red car driving down the street at night, a blue truck parked by the road.
people walking on the beach, a man riding a horse, a woman reading a book.
the quick brown fox jumps over the lazy dog while the cat sleeps.
don't stop, it's what we're doing, they've gone, i'm here, you'll see, he'd say.
café naïve résumé crème brûlée façade über straße ångström
中文字符 中文 日本語 日本語のテキスト 한국어 텍스트
emoji 🐱 🐶 👍 😀 😀
numbers 123 2024 42 3.14 1,000
c++ c# f# $5 + 3 = 8 100% a&b user@example.com
"""

def bytes_to_unicode():
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return dict(zip(printable, map(chr, codes)))

def words(text):
    # Letters, single digits, runs of other symbols: CLIP's pre-tokenizer, near enough for learning merges.
    return re.findall(r"'s|'t|'re|'ve|'m|'ll|'d|[^\W\d_]+|\d|[^\s\w]+|_+", text.lower())

def main():
    byte_encoder = bytes_to_unicode()
    counts = collections.Counter()
    for word in words(CORPUS):
        symbols = [byte_encoder[b] for b in word.encode("utf-8")]
        symbols[-1] += "</w>"
        counts[tuple(symbols)] += 1

    merges = []
    for _ in range(MERGES):
        pairs = collections.Counter()
        for symbols, count in counts.items():
            for pair in zip(symbols, symbols[1:]):
                pairs[pair] += count
        if not pairs:
            break
        best = max(pairs.items(), key=lambda item: (item[1], item[0]))[0]
        merges.append(best)
        merged = collections.Counter()
        for symbols, count in counts.items():
            out = []
            i = 0
            while i < len(symbols):
                if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] += count
        counts = merged

    base = list(byte_encoder.values())
    vocab = base + [symbol + "</w>" for symbol in base] + ["".join(pair) for pair in merges]
    vocab += ["<|startoftext|>", "<|endoftext|>"]
    assert len(set(vocab)) == len(vocab), "a merge repeats a symbol"

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump({token: i for i, token in enumerate(vocab)}, f, ensure_ascii=False)
    with open(os.path.join(here, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n")
        for left, right in merges:
            f.write(f"{left} {right}\n")
    print(f"{len(vocab)} tokens, {len(merges)} merges")

if __name__ == "__main__":
    main()
