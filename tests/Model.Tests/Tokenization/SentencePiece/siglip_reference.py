#!/usr/bin/env python3
"""The independent reference for SiglipTokenizer: Debian's python3-sentencepiece under the steps
of HuggingFace's SiglipTokenizer (transformers/models/siglip/tokenization_siglip.py), written
out here because the transformers library is not installed:

* the model is loaded with normalizer_spec.add_dummy_prefix turned off, as HF does;
* do_lower_case: every character is lower-cased on its own (PreTrainedTokenizer.tokenize's
  re.sub("(.+?)", lower) over the text), special tokens left as they are;
* "▁" is put before the text (and any "▁" inside becomes a space);
* special tokens written in the text ("</s>", "<unk>") are split out with the whitespace around
  them (AddedToken lstrip/rstrip), the rest of each piece is canonicalised (ASCII punctuation
  removed, whitespace runs to one space, stripped) and encoded as "<unk>" + piece with the
  pieces of "<unk>" dropped again;
* "</s>" is appended unless the ids already end with it; padding to 64 with the pad id ("</s>").

    /usr/bin/python3 siglip_reference.py SPIECE_MODEL STRINGS_JSON

prints one JSON line per string: {"pieces": [...], "ids": [...]} (no eos, no padding) and
"padded": the ids truncated to 63 + "</s>" and padded to 64 as HF's
tokenizer(text, padding="max_length", truncation=True, max_length=64) gives them.
"""
import json
import re
import string
import sys

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

SPIECE_UNDERLINE = "\u2581"
EOS, UNK, PAD = "</s>", "<unk>", "</s>"
SPECIALS = [EOS, UNK]
CONTEXT = 64


def load(path):
    with open(path, "rb") as f:
        model = sentencepiece_model_pb2.ModelProto.FromString(f.read())
    spec = sentencepiece_model_pb2.NormalizerSpec()
    spec.add_dummy_prefix = False
    model.normalizer_spec.MergeFrom(spec)
    processor = spm.SentencePieceProcessor()
    processor.LoadFromSerializedProto(model.SerializeToString())
    return processor


def canonicalize(text):
    text = text.translate(str.maketrans("", "", string.punctuation))
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def split_specials(text):
    """PreTrainedTokenizer.tokenize's trie split, with lstrip/rstrip of the special tokens."""
    parts = re.split("(" + "|".join(re.escape(s) for s in SPECIALS) + ")", text)
    for i, part in enumerate(parts):
        if part in SPECIALS:
            if i > 0:
                parts[i - 1] = parts[i - 1].rstrip()
            if i + 1 < len(parts):
                parts[i + 1] = parts[i + 1].lstrip()
    return parts


def tokenize(processor, text):
    unk_length = len(processor.encode(UNK, out_type=str))
    text = SPIECE_UNDERLINE + text.replace(SPIECE_UNDERLINE, " ")
    special = "(" + "|".join(re.escape(s) for s in SPECIALS) + ")|(.+?)"
    text = re.sub(special, lambda m: m.groups()[0] or m.groups()[1].lower(), text)
    pieces = []
    for part in split_specials(text):
        if not part:
            continue
        if part in SPECIALS:
            pieces.append(part)
            continue
        tokens = processor.encode(UNK + canonicalize(part), out_type=str)
        pieces.extend(tokens[unk_length:] if len(tokens) >= unk_length else tokens)
    if len(pieces) > 1 and pieces[0] == SPIECE_UNDERLINE and pieces[1] in SPECIALS:
        pieces = pieces[1:]
    return pieces


def main():
    processor = load(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        strings = json.load(f)
    eos, pad = processor.piece_to_id(EOS), processor.piece_to_id(PAD)
    for text in strings:
        pieces = tokenize(processor, text)
        ids = [processor.piece_to_id(p) for p in pieces]
        cut = ids[: CONTEXT - 1]
        padded = cut if cut and cut[-1] == eos else cut + [eos]
        padded = padded + [pad] * (CONTEXT - len(padded))
        print(json.dumps({"pieces": pieces, "ids": ids, "padded": padded}, ensure_ascii=False))


if __name__ == "__main__":
    main()
