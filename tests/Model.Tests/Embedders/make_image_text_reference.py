"""Independent reference for the CLIP family: HuggingFace CLIP, open_clip and HuggingFace SigLIP.

Plain PyTorch (Debian's python3-torch; transformers and open_clip are not installed): each network is
written here from the published designs, with the published module names, so its state_dict has the
names the real libraries save. Writes, into the folder given as the only argument, one sub-folder per
model laid out as the model hubs ship it:

  hf_clip_quick_gelu/  CLIPModel, hidden_act quick_gelu, text eos_token_id 2 (HF's legacy pooling:
                       argmax of the ids), the layout of openai/clip-vit-base-patch32
  hf_clip_gelu/        CLIPModel, hidden_act gelu, eos_token_id 3 (pooling at the first eos token, which
                       differs from the argmax in the inputs written here)
  open_clip/           open_clip CLIP (ViT, nn.MultiheadAttention in_proj, x @ proj), nn.GELU, argmax pooling
  hf_siglip/           SiglipModel: no class token, attention-pooling head, bidirectional text pooled at
                       the last token, logit_scale and logit_bias

Each holds the config file (config.json or open_clip_config.json), the weights as safetensors
(written by save() below: no python3-safetensors in Debian) and as a torch.save pickle (.bin), the
tokenizer files (tiny, only copied by the importer; the SigLIP spiece.model is a placeholder since
python3-sentencepiece is not installed), and reference.safetensors with the inputs (pixel_values,
input_ids, attention_mask) and the outputs (image_embeds, text_embeds, logits_per_image, normalised as
the libraries return them). Random weights, deterministic by seed.
"""
import json
import math
import os
import struct
import sys

import torch
from torch import nn
from torch.nn import functional as F

DTYPES = {torch.float32: "F32", torch.int64: "I64", torch.float16: "F16"}
OPENAI_MEAN = [0.48145466, 0.4578275, 0.40821073]
OPENAI_STD = [0.26862954, 0.26130258, 0.27577711]


def save(path, tensors):
    """The safetensors format: 8-byte header length, JSON header, raw little-endian data."""
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in sorted(tensors):
        t = tensors[name].detach().contiguous().cpu()
        data = t.numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def write_json(path, value):
    with open(path, "w") as f:
        json.dump(value, f, indent=2)


def bpe_files(folder, vocab_size):
    """A CLIP-style vocab.json (specials last, as CLIP's) and merges.txt of vocab_size entries."""
    tokens = [chr(ord("a") + i % 26) + ("</w>" if i >= 26 else "") + ("" if i < 52 else str(i)) for i in range(vocab_size - 2)]
    vocab = {t: i for i, t in enumerate(tokens)}
    vocab["<|startoftext|>"], vocab["<|endoftext|>"] = vocab_size - 2, vocab_size - 1
    write_json(os.path.join(folder, "vocab.json"), vocab)
    with open(os.path.join(folder, "merges.txt"), "w") as f:
        f.write("#version: 0.2\na b\nab c</w>\n")


def randomise(net):
    """Layer norms away from (1, 0) so that their parameters matter."""
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)


ACTIVATIONS = {
    "quick_gelu": lambda x: x * torch.sigmoid(1.702 * x),
    "gelu": F.gelu,
    "gelu_pytorch_tanh": lambda x: F.gelu(x, approximate="tanh"),
}


# ---------------------------------------------------------------- HuggingFace CLIP / SigLIP layers

class HfAttention(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.k_proj, self.v_proj, self.q_proj, self.out_proj = (nn.Linear(h, h) for _ in range(4))

    def forward(self, x, mask):
        b, n, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, n, self.heads, d).transpose(1, 2)
        q = split(self.q_proj(x) * d ** -0.5)
        scores = q @ split(self.k_proj(x)).transpose(-1, -2)
        if mask is not None:
            scores = scores + mask
        context = (scores.softmax(-1) @ split(self.v_proj(x))).transpose(1, 2).reshape(b, n, h)
        return self.out_proj(context)


class HfMlp(nn.Module):
    def __init__(self, h, i, act):
        super().__init__()
        self.act = ACTIVATIONS[act]
        self.fc1, self.fc2 = nn.Linear(h, i), nn.Linear(i, h)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class HfLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self_attn = HfAttention(c["hidden_size"], c["num_attention_heads"])
        self.layer_norm1 = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.mlp = HfMlp(c["hidden_size"], c["intermediate_size"], c["hidden_act"])
        self.layer_norm2 = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        return x + self.mlp(self.layer_norm2(x))


class HfEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layers = nn.ModuleList([HfLayer(c) for _ in range(c["num_hidden_layers"])])

    def forward(self, x, mask=None):
        for layer in self.layers:
            x = layer(x, mask)
        return x


class HfVisionEmbeddings(nn.Module):
    def __init__(self, c, siglip):
        super().__init__()
        h, p = c["hidden_size"], c["patch_size"]
        patches = (c["image_size"] // p) ** 2
        self.siglip = siglip
        if not siglip:
            self.class_embedding = nn.Parameter(torch.randn(h))
        self.patch_embedding = nn.Conv2d(3, h, p, stride=p, bias=siglip)
        self.position_embedding = nn.Embedding(patches + (0 if siglip else 1), h)
        self.register_buffer("position_ids", torch.arange(self.position_embedding.num_embeddings).expand((1, -1)))

    def forward(self, pixels):
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)
        if not self.siglip:
            x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], dim=1)
        return x + self.position_embedding(self.position_ids)


class HfTextEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.token_embedding = nn.Embedding(c["vocab_size"], c["hidden_size"])
        self.position_embedding = nn.Embedding(c["max_position_embeddings"], c["hidden_size"])
        self.register_buffer("position_ids", torch.arange(c["max_position_embeddings"]).expand((1, -1)))

    def forward(self, ids):
        return self.token_embedding(ids) + self.position_embedding(self.position_ids[:, : ids.shape[1]])


def padding_mask(attention_mask):
    """HF's _prepare_4d_attention_mask: (B, L) of 1/0 to an additive (B, 1, 1, L) mask."""
    return (1.0 - attention_mask[:, None, None, :].float()) * torch.finfo(torch.float32).min


class HfClipVision(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = HfVisionEmbeddings(c, siglip=False)
        self.pre_layrnorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.encoder = HfEncoder(c)
        self.post_layernorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, pixels):
        x = self.encoder(self.pre_layrnorm(self.embeddings(pixels)))
        return self.post_layernorm(x[:, 0])


class HfClipText(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.eos = c["eos_token_id"]
        self.embeddings = HfTextEmbeddings(c)
        self.encoder = HfEncoder(c)
        self.final_layer_norm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])

    def forward(self, ids, attention_mask):
        n = ids.shape[1]
        causal = torch.full((n, n), torch.finfo(torch.float32).min).triu(1)[None, None]
        mask = causal if attention_mask is None else causal + padding_mask(attention_mask)
        x = self.final_layer_norm(self.encoder(self.embeddings(ids), mask))
        rows = torch.arange(x.shape[0])
        if self.eos == 2:  # HF's legacy configs: the end token has the largest id
            return x[rows, ids.argmax(-1)]
        return x[rows, (ids == self.eos).int().argmax(-1)]


class HfClip(nn.Module):
    def __init__(self, config):
        super().__init__()
        v, t = config["vision_config"], config["text_config"]
        self.text_model = HfClipText(t)
        self.vision_model = HfClipVision(v)
        self.visual_projection = nn.Linear(v["hidden_size"], config["projection_dim"], bias=False)
        self.text_projection = nn.Linear(t["hidden_size"], config["projection_dim"], bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def forward(self, pixels, ids, attention_mask):
        image = F.normalize(self.visual_projection(self.vision_model(pixels)), dim=-1)
        text = F.normalize(self.text_projection(self.text_model(ids, attention_mask)), dim=-1)
        return image, text, self.logit_scale.exp() * image @ text.t()


class SiglipHead(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden_size"]
        self.probe = nn.Parameter(torch.randn(1, 1, h))
        self.attention = nn.MultiheadAttention(h, c["num_attention_heads"], batch_first=True)
        self.layernorm = nn.LayerNorm(h, eps=c["layer_norm_eps"])
        self.mlp = HfMlp(h, c["intermediate_size"], c["hidden_act"])

    def forward(self, x):
        x = self.attention(self.probe.repeat(x.shape[0], 1, 1), x, x)[0]
        x = x + self.mlp(self.layernorm(x))
        return x[:, 0]


class SiglipVision(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = HfVisionEmbeddings(c, siglip=True)
        self.encoder = HfEncoder(c)
        self.post_layernorm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.head = SiglipHead(c)

    def forward(self, pixels):
        return self.head(self.post_layernorm(self.encoder(self.embeddings(pixels))))


class SiglipText(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = HfTextEmbeddings(c)
        self.encoder = HfEncoder(c)
        self.final_layer_norm = nn.LayerNorm(c["hidden_size"], eps=c["layer_norm_eps"])
        self.head = nn.Linear(c["hidden_size"], c.get("projection_size", c["hidden_size"]))

    def forward(self, ids, attention_mask):
        mask = None if attention_mask is None else padding_mask(attention_mask)
        x = self.final_layer_norm(self.encoder(self.embeddings(ids), mask))
        return self.head(x[:, -1])  # no causal mask; pooled at the last token ("sticky" eos)


class Siglip(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.text_model = SiglipText(config["text_config"])
        self.vision_model = SiglipVision(config["vision_config"])
        self.logit_scale = nn.Parameter(torch.tensor([math.log(10.0)]))
        self.logit_bias = nn.Parameter(torch.tensor([-10.0]))

    def forward(self, pixels, ids, attention_mask):
        image = F.normalize(self.vision_model(pixels), dim=-1)
        text = F.normalize(self.text_model(ids, attention_mask), dim=-1)
        return image, text, self.logit_scale.exp() * image @ text.t() + self.logit_bias


# ---------------------------------------------------------------- open_clip

class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width, heads, mlp_ratio, act):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads)
        self.ln_2 = nn.LayerNorm(width)
        hidden = int(width * mlp_ratio)
        self.mlp = nn.Sequential()
        self.mlp.add_module("c_fc", nn.Linear(width, hidden))
        self.mlp.add_module("gelu", act())
        self.mlp.add_module("c_proj", nn.Linear(hidden, width))

    def forward(self, x, attn_mask=None):  # x is (L, N, D) as open_clip's default
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=attn_mask)[0]
        return x + self.mlp(self.ln_2(x))


class Transformer(nn.Module):
    def __init__(self, width, layers, heads, mlp_ratio, act):
        super().__init__()
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(width, heads, mlp_ratio, act) for _ in range(layers)])

    def forward(self, x, attn_mask=None):
        for block in self.resblocks:
            x = block(x, attn_mask)
        return x


class VisionTransformer(nn.Module):
    def __init__(self, cfg, embed_dim, act):
        super().__init__()
        width, patch = cfg["width"], cfg["patch_size"]
        grid = cfg["image_size"] // patch
        scale = width ** -0.5
        self.conv1 = nn.Conv2d(3, width, patch, stride=patch, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.transformer = Transformer(width, cfg["layers"], width // cfg["head_width"], cfg.get("mlp_ratio", 4.0), act)
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, embed_dim))

    def forward(self, x):
        x = self.conv1(x).reshape(x.shape[0], self.conv1.out_channels, -1).permute(0, 2, 1)
        x = torch.cat([self.class_embedding + torch.zeros(x.shape[0], 1, x.shape[-1]), x], dim=1)
        x = self.ln_pre(x + self.positional_embedding)
        x = self.transformer(x.permute(1, 0, 2)).permute(1, 0, 2)
        return self.ln_post(x[:, 0]) @ self.proj


class OpenClip(nn.Module):
    def __init__(self, model_cfg):
        super().__init__()
        act = QuickGELU if model_cfg.get("quick_gelu", False) else nn.GELU
        t, embed = model_cfg["text_cfg"], model_cfg["embed_dim"]
        self.visual = VisionTransformer(model_cfg["vision_cfg"], embed, act)
        self.transformer = Transformer(t["width"], t["layers"], t["heads"], t.get("mlp_ratio", 4.0), act)
        self.token_embedding = nn.Embedding(t["vocab_size"], t["width"])
        self.positional_embedding = nn.Parameter(torch.randn(t["context_length"], t["width"]) * 0.01)
        self.ln_final = nn.LayerNorm(t["width"])
        self.text_projection = nn.Parameter(torch.randn(t["width"], embed) * t["width"] ** -0.5)
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))
        n = t["context_length"]
        self.register_buffer("attn_mask", torch.empty(n, n).fill_(float("-inf")).triu_(1), persistent=False)

    def encode_text(self, ids):
        x = self.token_embedding(ids) + self.positional_embedding
        x = self.transformer(x.permute(1, 0, 2), self.attn_mask).permute(1, 0, 2)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), ids.argmax(dim=-1)] @ self.text_projection

    def forward(self, pixels, ids):
        image = F.normalize(self.visual(pixels), dim=-1)
        text = F.normalize(self.encode_text(ids), dim=-1)
        return image, text, self.logit_scale.exp() * image @ text.t()


# ---------------------------------------------------------------- configs and fixtures

def hf_clip_config(act, eos):
    """A tiny CLIPModel config.json in the published shape (openai/clip-vit-base-patch32's keys)."""
    return {
        "architectures": ["CLIPModel"], "model_type": "clip", "initializer_factor": 1.0, "logit_scale_init_value": 2.6592,
        "projection_dim": 24, "torch_dtype": "float32", "transformers_version": "4.21.3",
        "text_config": {
            "model_type": "clip_text_model", "vocab_size": 100, "hidden_size": 48, "intermediate_size": 96,
            "num_hidden_layers": 2, "num_attention_heads": 4, "max_position_embeddings": 16, "hidden_act": act,
            "layer_norm_eps": 1e-5, "attention_dropout": 0.0, "bos_token_id": 0, "eos_token_id": eos, "pad_token_id": 1,
            "projection_dim": 24,
        },
        "vision_config": {
            "model_type": "clip_vision_model", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
            "num_attention_heads": 4, "image_size": 32, "patch_size": 8, "hidden_act": act, "layer_norm_eps": 1e-5,
            "num_channels": 3, "projection_dim": 24,
        },
    }


def hf_siglip_config():
    return {
        "architectures": ["SiglipModel"], "model_type": "siglip", "initializer_factor": 1.0,
        "text_config": {
            "model_type": "siglip_text_model", "vocab_size": 100, "hidden_size": 64, "intermediate_size": 112,
            "num_hidden_layers": 2, "num_attention_heads": 4, "max_position_embeddings": 16,
            "hidden_act": "gelu_pytorch_tanh", "layer_norm_eps": 1e-6,
        },
        "vision_config": {
            "model_type": "siglip_vision_model", "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
            "num_attention_heads": 4, "image_size": 32, "patch_size": 8, "hidden_act": "gelu_pytorch_tanh",
            "layer_norm_eps": 1e-6,
        },
    }


def open_clip_config():
    """open_clip_config.json as the hub ships it (BioCLIP's keys), tiny."""
    return {
        "model_cfg": {
            "embed_dim": 24,
            "vision_cfg": {"image_size": 32, "layers": 2, "width": 64, "head_width": 16, "patch_size": 8},
            "text_cfg": {"context_length": 16, "vocab_size": 100, "width": 48, "heads": 4, "layers": 2},
        },
        "preprocess_cfg": {"mean": OPENAI_MEAN, "std": OPENAI_STD},
    }


def texts(eos, length, pad):
    """Three token sequences: start (98), words, eos, then padding; attention mask 1 up to eos."""
    ids = torch.full((3, length), pad, dtype=torch.int64)
    mask = torch.zeros((3, length), dtype=torch.int64)
    for row, words in enumerate([[5, 17, 33], [40, 7, 12, 61, 3 if eos != 3 else 4, 9], [88]]):
        sequence = [98] + words + [eos]
        ids[row, : len(sequence)] = torch.tensor(sequence)
        mask[row, : len(sequence)] = 1
    return ids, mask


def write_fixture(folder, net, weights_name, config_name, config, inputs, outputs):
    os.makedirs(folder, exist_ok=True)
    state = net.state_dict()
    save(os.path.join(folder, weights_name + ".safetensors"), state)
    torch.save(state, os.path.join(folder, weights_name.replace("model", "pytorch_model") + ".bin"))
    write_json(os.path.join(folder, config_name), config)
    reference = dict(inputs)
    reference.update(zip(["image_embeds", "text_embeds", "logits_per_image"], outputs))
    save(os.path.join(folder, "reference.safetensors"), reference)


def main(root):
    torch.manual_seed(0)
    pixels = torch.randn(2, 3, 32, 32)

    for name, act, eos in [("hf_clip_quick_gelu", "quick_gelu", 2), ("hf_clip_gelu", "gelu", 3)]:
        config = hf_clip_config(act, eos)
        net = HfClip(config).eval()
        randomise(net)
        # Legacy configs say eos 2 but the tokenizer's end token is the largest id (99 here); pad with it
        # as openai's tokenizer does. With eos 3 the padding (50) is larger than eos, so argmax would be wrong.
        ids, mask = texts(99 if eos == 2 else 3, 12, 99 if eos == 2 else 50)
        with torch.no_grad():
            outputs = net(pixels, ids, mask)
        folder = os.path.join(root, name)
        write_fixture(folder, net, "model", "config.json", config,
                      {"pixel_values": pixels, "input_ids": ids, "attention_mask": mask}, outputs)
        bpe_files(folder, 100)
        write_json(os.path.join(folder, "preprocessor_config.json"), {
            "crop_size": 32, "do_center_crop": True, "do_normalize": True, "do_resize": True,
            "image_mean": OPENAI_MEAN, "image_std": OPENAI_STD, "resample": 3, "size": 32,
        })

    config = open_clip_config()
    net = OpenClip(config["model_cfg"]).eval()
    randomise(net)
    ids, _ = texts(99, 16, 0)  # open_clip pads with 0 to the full context
    with torch.no_grad():
        outputs = net(pixels, ids)
    folder = os.path.join(root, "open_clip")
    write_fixture(folder, net, "open_clip_model", "open_clip_config.json", config, {"pixel_values": pixels, "input_ids": ids}, outputs)
    bpe_files(folder, 100)

    config = hf_siglip_config()
    net = Siglip(config).eval()
    randomise(net)
    ids, mask = texts(1, 16, 1)  # SigLIP pads to max_length with its pad token and pools the last position
    with torch.no_grad():
        outputs = net(pixels, ids, None)
        _, masked_text, _ = net(pixels, ids, mask)
    folder = os.path.join(root, "hf_siglip")
    write_fixture(folder, net, "model", "config.json", config,
                  {"pixel_values": pixels, "input_ids": ids, "attention_mask": mask, "text_embeds_masked": masked_text}, outputs)
    with open(os.path.join(folder, "spiece.model"), "wb") as f:
        f.write(b"placeholder: the importer copies the SentencePiece model without reading it\n")
    write_json(os.path.join(folder, "preprocessor_config.json"), {
        "do_normalize": True, "do_rescale": True, "do_resize": True, "image_mean": [0.5, 0.5, 0.5],
        "image_std": [0.5, 0.5, 0.5], "resample": 2, "size": {"height": 32, "width": 32},
    })


if __name__ == "__main__":
    main(sys.argv[1])
