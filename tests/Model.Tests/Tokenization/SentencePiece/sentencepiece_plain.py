#!/usr/bin/env python3
"""Plain sentencepiece ids (the model's own normalizer spec, no HF steps), one JSON list a line:
    /usr/bin/python3 sentencepiece_plain.py SPIECE_MODEL STRINGS_JSON
Used to compare Microsoft.ML.Tokenizers' SentencePieceTokenizer and our Unigram code with
sentencepiece itself."""
import json
import sys

import sentencepiece as spm

processor = spm.SentencePieceProcessor(model_file=sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    for text in json.load(f):
        print(json.dumps(processor.encode(text)))
