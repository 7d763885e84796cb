"""Independent reference for the model's layers: PyTorch (Debian's python3-torch/torchvision).

Writes, into the folder given as the only argument, safetensors files holding random weights
under the published parameter names, an input, and PyTorch's output for it:
  resnet50.safetensors  torchvision ResNet-50 (eval mode, randomised BN statistics) cut after layer4
  bert.safetensors      a BERT with HuggingFace's module layout and names (written here from the
                        HF design, since transformers is not installed), run in eval mode
The C# tests load the same weights into our modules and compare outputs. Deterministic by seed.
"""
import json
import math
import struct
import sys

import torch
import torchvision

DTYPES = {torch.float32: "F32", torch.int64: "I64"}


def save(path, tensors):
    header, blobs, offset = {}, [], 0
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


def resnet50(folder):
    torch.manual_seed(0)
    net = torchvision.models.resnet50()
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.normal_(0, 0.1)
                m.running_var.uniform_(0.5, 1.5)
                m.num_batches_tracked.fill_(7)
    net.eval()
    x = torch.randn(2, 3, 64, 96)
    with torch.no_grad():
        y = net.maxpool(net.relu(net.bn1(net.conv1(x))))
        y = net.layer4(net.layer3(net.layer2(net.layer1(y))))
    state = {k: v for k, v in net.state_dict().items() if not k.startswith("fc.")}
    state["input"], state["output"] = x, y
    save(f"{folder}/resnet50.safetensors", state)


class SelfAttention(torch.nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = torch.nn.Linear(h, h), torch.nn.Linear(h, h), torch.nn.Linear(h, h)

    def forward(self, x, mask):
        b, n, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, n, self.heads, d).permute(0, 2, 1, 3)
        scores = split(self.query(x)) @ split(self.key(x)).transpose(-1, -2) / math.sqrt(d) + mask
        return (scores.softmax(-1) @ split(self.value(x))).permute(0, 2, 1, 3).reshape(b, n, h)


class ResidualOutput(torch.nn.Module):
    def __init__(self, i, h):
        super().__init__()
        self.dense, self.LayerNorm = torch.nn.Linear(i, h), torch.nn.LayerNorm(h, eps=1e-12)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(torch.nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.self, self.output = SelfAttention(h, heads), ResidualOutput(h, h)

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class Intermediate(torch.nn.Module):
    def __init__(self, h, i):
        super().__init__()
        self.dense = torch.nn.Linear(h, i)

    def forward(self, x):
        return torch.nn.functional.gelu(self.dense(x))


class Layer(torch.nn.Module):
    def __init__(self, h, heads, i):
        super().__init__()
        self.attention, self.intermediate, self.output = Attention(h, heads), Intermediate(h, i), ResidualOutput(i, h)

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class Embeddings(torch.nn.Module):
    def __init__(self, vocab, h, positions, types):
        super().__init__()
        self.word_embeddings = torch.nn.Embedding(vocab, h, padding_idx=0)
        self.position_embeddings = torch.nn.Embedding(positions, h)
        self.token_type_embeddings = torch.nn.Embedding(types, h)
        self.LayerNorm = torch.nn.LayerNorm(h, eps=1e-12)

    def forward(self, ids, types):
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        return self.LayerNorm(self.word_embeddings(ids) + self.position_embeddings(positions) + self.token_type_embeddings(types))


class Encoder(torch.nn.Module):
    def __init__(self, layers, h, heads, i):
        super().__init__()
        self.layer = torch.nn.ModuleList([Layer(h, heads, i) for _ in range(layers)])


class Pooler(torch.nn.Module):
    def __init__(self, h):
        super().__init__()
        self.dense = torch.nn.Linear(h, h)


class Bert(torch.nn.Module):
    def __init__(self, vocab=500, h=256, layers=3, heads=4, i=1024, positions=64, types=2):
        super().__init__()
        self.embeddings = Embeddings(vocab, h, positions, types)
        self.encoder = Encoder(layers, h, heads, i)
        self.pooler = Pooler(h)

    def forward(self, ids, types, mask):
        x = self.embeddings(ids, types)
        additive = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.encoder.layer:
            x = layer(x, additive)
        return x, torch.tanh(self.pooler.dense(x[:, 0]))


def bert(folder):
    torch.manual_seed(1)
    net = Bert().eval()
    with torch.no_grad():
        for name, p in net.named_parameters():
            if "LayerNorm" in name:
                p.copy_(torch.empty_like(p).uniform_(0.5, 1.5) if name.endswith("weight") else torch.randn_like(p) * 0.1)
    ids = torch.randint(1, 500, (2, 12))
    ids[1, 9:] = 0
    types = torch.zeros_like(ids)
    types[:, 6:] = 1
    mask = (ids != 0).long()
    with torch.no_grad():
        sequence, pooled = net(ids, types, mask)
    state = dict(net.state_dict())
    state.update({"input_ids": ids, "token_type_ids": types, "attention_mask": mask, "sequence_output": sequence, "pooled_output": pooled})
    save(f"{folder}/bert.safetensors", state)


if __name__ == "__main__":
    torch.set_num_threads(2)
    resnet50(sys.argv[1])
    bert(sys.argv[1])
