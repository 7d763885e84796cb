"""The PyTorch side of the model benchmark: an independent ClipBERT in PyTorch, timed as JSON lines.

Written from the paper and the published layouts, not from the C# code: torchvision's ResNet trunk
(conv1 .. layer4) with eval-mode batch norm, ClipBERT's grid encoder (3x3 conv, 2x2 max-pool (none for tiny), ReLU),
frames averaged, row/column/type embeddings and LayerNorm, a post-LN BERT with HuggingFace's module
names over [text; visual] tokens, the pooler, 768 -> 1536 -> n MLP heads, LogSumExp over clips.
Parameter names match the C# model's state dict, so the C# side can hand over a safetensors file
(its weights, the input and its outputs): both then run the same numbers and the difference at each
stage is reported. The C# benchmark drives this script over stdin (--serve), alternating C# and
PyTorch steps, so the ratios compare like with like; without --serve it times PyTorch alone.
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import torch
import torchvision
from torch import nn
from torch.nn import functional as F
from torchvision.models.resnet import BasicBlock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from clip_reference import ClipImageTower, ClipTextTower  # noqa: E402  (beside this script)

# ClipBERT's training recipe (the C# TrainingOptions defaults).
LEARNING_RATE, WEIGHT_DECAY, BETAS, CLIP_NORM = 5e-5, 1e-3, (0.9, 0.98), 5.0
# Outputs of the shared-weights forward (visual tokens, pooled, logits) agree when this close.
TOLERANCE = 1e-3

CLIPBERT_BASE = dict(backbone="resnet50", width=64, frozen_bn=True, image=448, grid_pool=2, hidden=768, layers=12, heads=12,
                     intermediate=3072, vocab=30522, positions=512, answers=0, tags=0)
TINY = dict(backbone="tiny", width=16, frozen_bn=False, image=128, grid_pool=1, hidden=128, layers=2, heads=4,
            intermediate=256, vocab=200, positions=64, answers=30, tags=20)


def resnet_trunk(kind, width, frozen_bn):
    """torchvision's ResNet-50, or a one-BasicBlock-per-stage net of the given width, without pool and fc."""
    if kind == "resnet50":
        net = torchvision.models.resnet50()
        del net.avgpool, net.fc
    else:
        net = nn.Module()
        net.conv1 = nn.Conv2d(3, width, 7, 2, 3, bias=False)
        net.bn1 = nn.BatchNorm2d(width)
        channels = width
        for stage in range(4):
            planes, stride = width << stage, 1 if stage == 0 else 2
            down = None
            if stride != 1 or channels != planes:
                down = nn.Sequential(nn.Conv2d(channels, planes, 1, stride, bias=False), nn.BatchNorm2d(planes))
            setattr(net, f"layer{stage + 1}", nn.Sequential(BasicBlock(channels, planes, stride, down)))
            channels = planes
    if frozen_bn:
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.requires_grad_(False)
    return net


class Backbone(nn.Module):
    def __init__(self, kind, width, frozen_bn):
        super().__init__()
        net = resnet_trunk(kind, width, frozen_bn)
        self.frozen_bn = frozen_bn
        self.conv1, self.bn1 = net.conv1, net.bn1
        self.layer1, self.layer2, self.layer3, self.layer4 = net.layer1, net.layer2, net.layer3, net.layer4
        self.out_channels = self.layer4[-1].conv3.out_channels if kind == "resnet50" else self.layer4[-1].conv2.out_channels

    def train(self, mode=True):
        super().train(mode)
        if self.frozen_bn:  # ClipBERT keeps BN on its running statistics even while training
            for m in self.modules():
                if isinstance(m, nn.BatchNorm2d):
                    m.eval()
        return self

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))


class GridEncoder(nn.Module):
    def __init__(self, channels, hidden, pool):
        super().__init__()
        self.conv = nn.Conv2d(channels, hidden, 3, padding=1)
        self.pool = pool

    def forward(self, x):
        x = self.conv(x)
        return F.relu(F.max_pool2d(x, self.pool) if self.pool > 1 else x)


class VisualEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.backbone = Backbone(c["backbone"], c["width"], c["frozen_bn"])
        self.grid_encoder = GridEncoder(self.backbone.out_channels, c["hidden"], c["grid_pool"])

    def forward(self, x):
        return self.grid_encoder(self.backbone(x))


class VisualEmbeddings(nn.Module):
    def __init__(self, hidden, max_grid=50):
        super().__init__()
        self.row_position_embeddings = nn.Embedding(max_grid, hidden)
        self.col_position_embeddings = nn.Embedding(max_grid, hidden)
        self.token_type_embeddings = nn.Embedding(1, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, grids):
        """(clips, frames, hidden, h, w) -> (clips, h*w, hidden): frames averaged (ClipBERT's mean pooling)."""
        clips, _, hidden, h, w = grids.shape
        x = grids.mean(1).permute(0, 2, 3, 1)
        x = x + self.row_position_embeddings.weight[:h, None, :] + self.col_position_embeddings.weight[None, :w, :]
        x = x.reshape(clips, h * w, hidden) + self.token_type_embeddings.weight[0]
        return self.dropout(self.LayerNorm(x))


class BertEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden"]
        self.word_embeddings = nn.Embedding(c["vocab"], h, padding_idx=0)
        self.position_embeddings = nn.Embedding(c["positions"], h)
        self.token_type_embeddings = nn.Embedding(2, h)
        self.LayerNorm = nn.LayerNorm(h, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(positions)[None] + self.token_type_embeddings.weight[0]
        return self.dropout(self.LayerNorm(x))


class BertSelfAttention(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.query, self.key, self.value = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x, additive_mask):
        b, n, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, n, self.heads, d).permute(0, 2, 1, 3)
        scores = split(self.query(x)) @ split(self.key(x)).transpose(-1, -2) / math.sqrt(d) + additive_mask
        context = self.dropout(scores.softmax(-1)) @ split(self.value(x))
        return context.permute(0, 2, 1, 3).reshape(b, n, h)


class BertResidualOutput(nn.Module):
    def __init__(self, i, h):
        super().__init__()
        self.dense, self.LayerNorm, self.dropout = nn.Linear(i, h), nn.LayerNorm(h, eps=1e-12), nn.Dropout(0.1)

    def forward(self, x, residual):
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class BertLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        h, i = c["hidden"], c["intermediate"]
        self.attention = nn.Module()
        self.attention.self = BertSelfAttention(h, c["heads"])
        self.attention.output = BertResidualOutput(h, h)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(h, i)
        self.output = BertResidualOutput(i, h)

    def forward(self, x, additive_mask):
        attended = self.attention.output(self.attention.self(x, additive_mask), x)
        return self.output(F.gelu(self.intermediate.dense(attended)), attended)


class Bert(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embeddings = BertEmbeddings(c)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList(BertLayer(c) for _ in range(c["layers"]))
        self.pooler = nn.Module()
        self.pooler.dense = nn.Linear(c["hidden"], c["hidden"])

    def encode_pool(self, x, mask):
        additive = (1.0 - mask.to(x.dtype))[:, None, None, :] * -10000.0
        for layer in self.encoder.layer:
            x = layer(x, additive)
        return torch.tanh(self.pooler.dense(x[:, 0]))


class MlpHead(nn.Module):
    def __init__(self, h, out):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(h, 2 * h), nn.ReLU(), nn.Linear(2 * h, out))

    def forward(self, x):
        return self.mlp(x)


class ClipBert(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["hidden"]
        self.cnn = VisualEncoder(c)
        self.visual_embeddings = VisualEmbeddings(h)
        self.bert = Bert(c)
        self.itm_head = MlpHead(h, 2)
        if c["answers"]:
            self.qa_head = MlpHead(h, c["answers"])
        if c["tags"]:
            self.tag_head = MlpHead(h, c["tags"])
        with torch.no_grad():  # BERT's initialisation outside the CNN (HF _init_weights)
            for name, p in self.named_parameters():
                if name.startswith("cnn.") or "LayerNorm" in name:
                    continue
                p.zero_() if name.endswith(".bias") else p.normal_(0, 0.02)

    def visual_tokens(self, pixels):
        """(clips, frames, 3, S, S) -> (clips, tokens, hidden)."""
        clips, frames = pixels.shape[:2]
        grids = self.cnn(pixels.flatten(0, 1))
        return self.visual_embeddings(grids.view(clips, frames, *grids.shape[1:]))

    def cross_pooled(self, ids, mask, visual):
        text = self.bert.embeddings(ids)
        joint = torch.cat([text, visual], 1)
        joint_mask = torch.cat([mask, mask.new_ones(visual.shape[:2])], 1)
        return self.bert.encode_pool(joint, joint_mask)

    def video_logits(self, ids, mask, tokens, head):
        """Each text (n, L) against its video's clips (n, clips, tokens, hidden): LogSumExp of clip logits."""
        n, clips = tokens.shape[:2]
        pooled = self.cross_pooled(ids.repeat_interleave(clips, 0), mask.repeat_interleave(clips, 0), tokens.flatten(0, 1))
        return head(pooled).view(n, clips, -1).logsumexp(1) - math.log(clips)  # log-mean-exp, as ClipConsensus


def load_safetensors(path):
    with open(path, "rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        dtypes = {"F32": torch.float32, "I64": torch.int64, "F16": torch.float16, "BF16": torch.bfloat16}
        tensors = {}
        for name, entry in header.items():
            if name == "__metadata__":
                continue
            start, end = entry["data_offsets"]
            f.seek(8 + size + start)
            data = bytearray(f.read(end - start))
            dtype = dtypes[entry["dtype"]]
            tensors[name] = (torch.frombuffer(data, dtype=dtype) if data else torch.empty(0, dtype=dtype)).reshape(entry["shape"])
    return tensors


def timed(step, device):
    sync = (lambda: torch.cuda.synchronize(device)) if device.type == "cuda" else (lambda: None)
    sync()
    start = time.perf_counter()
    step()
    sync()
    return time.perf_counter() - start


class ClipBertBaseForward:
    """One video: 16 clips x 2 frames at 448 px, one 20-token text against each clip, ITM, LogSumExp."""
    name = "clipbert_base_forward"

    def __init__(self, device, weights=None):
        torch.manual_seed(0)
        model = ClipBert(CLIPBERT_BASE).eval()
        self.details = {}
        if weights:
            tensors = load_safetensors(weights)
            own = model.state_dict()
            missing = sorted(set(own) - set(tensors))
            if missing:
                raise SystemExit(f"{weights} lacks {len(missing)} of the replica's tensors, e.g. {missing[:5]}")
            model.load_state_dict({k: tensors[k] for k in own})
            pixels, ids, mask = tensors["input.pixels"], tensors["input.ids"], tensors["input.mask"]
        else:
            pixels = torch.randn(16, 2, 3, 448, 448)
            ids, mask = torch.randint(1, CLIPBERT_BASE["vocab"], (1, 20)), torch.ones(1, 20, dtype=torch.long)
        self.model = model.to(device)
        self.pixels, self.ids, self.mask = pixels.to(device), ids.to(device), mask.to(device)
        if weights:
            outputs = self.step()  # counts as a warm-up, as the C# side's exporting forward does
            names = ["visual_tokens", "pooled", "clip_logits", "video_logits"]
            difference = {n: (o.cpu() - tensors[f"output.{n}"]).abs().max().item() for n, o in zip(names, outputs)}
            # Every stage, not only the logits: with freshly initialised heads the logits barely move
            # (swapping the row and column embeddings changes the visual tokens by ~5, the logits by ~1e-3).
            self.details = {
                "max_abs_difference": max(difference.values()),
                "outputs_agree": max(difference.values()) <= TOLERANCE,
                "max_abs_difference_by_output": difference,
                "video_logits": [round(v, 6) for v in outputs[3].flatten().tolist()],
            }

    @torch.inference_mode()
    def step(self):
        m = self.model
        tokens = m.visual_tokens(self.pixels)
        clips = tokens.shape[0]
        pooled = m.cross_pooled(self.ids.expand(clips, -1), self.mask.expand(clips, -1), tokens)
        clip_logits = m.itm_head(pooled).view(1, clips, -1)
        return tokens, pooled, clip_logits, clip_logits.logsumexp(1) - math.log(clips)


class TinyTrainingStep:
    """16 videos x 2 clips x 2 frames at 128 px; ITM (+/-), QA and tag losses; backward; clipping; AdamW."""
    name = "tiny_training_step"

    def __init__(self, device, weights=None):
        torch.manual_seed(0)
        c, self.videos, self.clips, frames, length = TINY, 16, 2, 2, 12
        self.model = model = ClipBert(c).to(device).train()
        cnn = [p for p in model.cnn.parameters() if p.requires_grad]
        cnn_ids = {id(p) for p in cnn}
        rest = [p for p in model.parameters() if p.requires_grad and id(p) not in cnn_ids]
        # foreach=True: the same multi-tensor kernels as the C# AdamW (1.13's default is a loop per tensor).
        self.optimizer = torch.optim.AdamW([{"params": cnn}, {"params": rest}], lr=LEARNING_RATE, betas=BETAS,
                                           weight_decay=WEIGHT_DECAY, foreach=True)
        self.pixels = torch.randn(self.videos * self.clips, frames, 3, c["image"], c["image"], device=device)
        texts = lambda n: (torch.randint(1, c["vocab"], (n, length), device=device),
                           torch.ones(n, length, dtype=torch.long, device=device))
        self.match = texts(2 * self.videos)
        self.match_rows = torch.arange(2 * self.videos, device=device) // 2
        self.match_labels = 1 - torch.arange(2 * self.videos, device=device) % 2
        self.questions = texts(self.videos)
        self.answers = torch.randint(0, c["answers"], (self.videos,), device=device)
        self.tag_texts = texts(self.videos)
        self.tag_targets = (torch.rand(self.videos, c["tags"], device=device) < 0.2).float()
        self.details = {}

    def step(self):
        m = self.model
        tokens = m.visual_tokens(self.pixels)
        tokens = tokens.view(self.videos, self.clips, *tokens.shape[1:])
        itm = F.cross_entropy(m.video_logits(*self.match, tokens[self.match_rows], m.itm_head), self.match_labels)
        qa = F.cross_entropy(m.video_logits(*self.questions, tokens, m.qa_head), self.answers)
        tags = F.binary_cross_entropy_with_logits(m.video_logits(*self.tag_texts, tokens, m.tag_head), self.tag_targets)
        (itm + qa + tags).backward()
        torch.nn.utils.clip_grad_norm_(m.parameters(), CLIP_NORM)
        self.optimizer.step()
        self.optimizer.zero_grad(set_to_none=True)


def clip_workload(tower):
    # The towers read the C# side's file with this script's safetensors reader.
    return type(tower.__name__, (tower,), {"__init__": lambda self, device, weights=None: tower.__init__(self, device, weights, load_safetensors)})


WORKLOADS = {w.name: w for w in (ClipBertBaseForward, TinyTrainingStep, clip_workload(ClipImageTower), clip_workload(ClipTextTower))}


def serve(device, common):
    """Line protocol on stdin: 'setup NAME WARMUP [WEIGHTS]' -> details; 'run NAME' -> seconds of one step."""
    current = None
    for line in sys.stdin:
        command, name, *rest = line.rstrip("\n").split(" ", 3)  # the weights' path may hold spaces
        if command == "setup":
            current = None  # free the previous workload first
            current = WORKLOADS[name](device, rest[1] if len(rest) > 1 else None)
            for _ in range(int(rest[0])):
                current.step()
            reply = {**current.details, **common}
        elif command == "run" and current is not None and current.name == name:
            reply = {"seconds": timed(current.step, device)}
        else:
            raise SystemExit(f"unexpected command {line.strip()!r}")
        print(json.dumps(reply), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="as the C# bridge: the core count")
    parser.add_argument("--iterations", type=int, default=2, help="timed steps per workload (standalone)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed steps per workload (standalone)")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--serve", action="store_true", help="take commands on stdin (how the C# benchmark drives it)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    common = {"torch": torch.__version__, "torchvision": torchvision.__version__}
    if device.type == "cuda":
        common["gpu"] = torch.cuda.get_device_name(device)
    if args.serve:
        serve(device, common)
        return
    for workload in WORKLOADS.values():
        w = workload(device)
        for _ in range(args.warmup):
            w.step()
        seconds = sum(timed(w.step, device) for _ in range(args.iterations)) / args.iterations
        print(json.dumps({"name": w.name, "seconds": seconds, "threads": args.threads, **common}), flush=True)
        del w


if __name__ == "__main__":
    main()
