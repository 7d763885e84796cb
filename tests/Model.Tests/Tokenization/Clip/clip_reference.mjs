// The independent reference for ClipBpeTokenizer: transformers.js's CLIPTokenizer, loaded from
// local files only. Writes a tokenizer.json laid out as HuggingFace's CLIPConverter writes one
// for openai/clip-vit-* (NFC, whitespace runs to one space, lower case; CLIP's split regex;
// byte-level symbols; BPE with "</w>"; <|startoftext|> ... <|endoftext|>) from the checked-in
// vocab.json and merges.txt, then prints one JSON line per input string.
//
//   node clip_reference.mjs VOCAB_JSON MERGES_TXT STRINGS_JSON WORK_DIR
//
// Each line: {"ids": [...]} for the text tokenized with no truncation and no padding, and
// "padded": {"input_ids", "attention_mask"} from padding: 'max_length', truncation, 77.
import fs from 'node:fs';
import path from 'node:path';
import { env, AutoTokenizer } from '@huggingface/transformers';

const [vocabPath, mergesPath, stringsPath, workDir] = process.argv.slice(2);
const vocab = JSON.parse(fs.readFileSync(vocabPath, 'utf8'));
const merges = fs.readFileSync(mergesPath, 'utf8').split('\n')
  .filter((line) => line.length > 0 && !line.startsWith('#version'));
const strings = JSON.parse(fs.readFileSync(stringsPath, 'utf8'));

const bos = '<|startoftext|>';
const eos = '<|endoftext|>';
const special = (content) => ({
  id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true,
});
const tokenizerJson = {
  version: '1.0',
  truncation: null,
  padding: null,
  added_tokens: [special(bos), special(eos)],
  normalizer: {
    type: 'Sequence',
    normalizers: [
      { type: 'NFC' },
      { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' },
      { type: 'Lowercase' },
    ],
  },
  pre_tokenizer: {
    type: 'Sequence',
    pretokenizers: [
      {
        type: 'Split',
        pattern: { Regex: "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" },
        behavior: 'Removed',
        invert: true,
      },
      { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    ],
  },
  post_processor: {
    type: 'RobertaProcessing',
    sep: [eos, vocab[eos]],
    cls: [bos, vocab[bos]],
    trim_offsets: false,
    add_prefix_space: false,
  },
  decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
  model: {
    type: 'BPE',
    dropout: null,
    unk_token: eos,
    continuing_subword_prefix: '',
    end_of_word_suffix: '</w>',
    fuse_unk: false,
    byte_fallback: false,
    vocab,
    merges,
  },
};
const tokenizerConfig = {
  tokenizer_class: 'CLIPTokenizer',
  bos_token: bos,
  eos_token: eos,
  unk_token: eos,
  pad_token: eos,
  model_max_length: 77,
  do_lower_case: true,
};

const modelDir = path.join(workDir, 'tiny-clip');
fs.mkdirSync(modelDir, { recursive: true });
fs.writeFileSync(path.join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizerJson));
fs.writeFileSync(path.join(modelDir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = workDir;
const tokenizer = await AutoTokenizer.from_pretrained('tiny-clip');
if (tokenizer.constructor.name !== 'CLIPTokenizer') {
  throw new Error(`expected transformers.js's CLIPTokenizer, got ${tokenizer.constructor.name}`);
}

for (const text of strings) {
  const plain = tokenizer(text, { add_special_tokens: true, return_tensor: false });
  const padded = tokenizer(text, { padding: 'max_length', truncation: true, max_length: 77, return_tensor: false });
  process.stdout.write(JSON.stringify({
    ids: plain.input_ids,
    padded: { input_ids: padded.input_ids, attention_mask: padded.attention_mask },
  }) + '\n');
}
