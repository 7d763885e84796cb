"""A small replica of ClipBERT's released weights, as ClipBERT names, stores and runs them.

Usage: /usr/bin/python3 clipbert_release.py OUTPUT_FOLDER

ClipBERT (github jayleicn/ClipBERT) releases clipbert_image_text_pretrained.pt: torch.save of the
state dict of its whole `ClipBert` module (src/modeling/e2e_model.py), a bare dict as its
ModelSaver writes it, float16 as apex amp O2 leaves the weights. Inside: `cnn.feature.*`, a
detectron2 GeneralizedRCNN (MSRA ResNet-50 with frozen batch norm, stride on the 1x1 conv, res5
undilated, plus region-proposal and box/attribute heads ClipBERT never runs), `cnn.grid_encoder.0`
(3x3 conv without bias, then 2x2 max-pool and ReLU), and `transformer.*`, ClipBertForPreTraining
(`bert.embeddings`, `bert.visual_embeddings` with row/column/token-type embeddings and an unused
`position_embeddings`, `bert.encoder`, `bert.pooler`, `cls.predictions` (MLM), `cls.seq_relationship`
(ITM)). Its CNN input is RGB 0-255 minus [123.675, 116.28, 103.53] (std 1), flipped to BGR.
grid_feat_R-50.pth is the detectron2 checkpoint ClipBERT starts from: {"model": state dict, ...}
with detectron2's names (`backbone.stem.conv1.weight`, `backbone.res2.0.conv1.norm.weight`, ...).

Neither detectron2 nor transformers is installed here, so the modules below are written from
their designs with their parameter names; shapes are small (ResNet-50's layout at width 8, a
2-layer BERT of width 128) so the test runs in seconds, semantics are the release's.

Writes, deterministically (seeded):
  clipbert_image_text_pretrained.pt          torch.save zip format (float16 bare state dict)
  clipbert_image_text_pretrained_legacy.pt   the same, _use_new_zipfile_serialization=False
  clipbert_image_text_pretrained.safetensors the same tensors as safetensors (written here)
  grid_feat_R-50.pth, grid_feat_R-50_legacy.pth, grid_feat_R-50.safetensors
                                             a detectron2 checkpoint {"model": ..., "iteration": ...}
                                             (float32); the safetensors copy holds "model"'s tensors
  reference.safetensors                      inputs and the replica's outputs:
      pixels (clips, T, S, S, 3) uint8 RGB, input_ids / attention_mask (clips, L) int64,
      grid (clips, T, h, w, hidden) ClipBERT's grid features, visual_tokens (clips, h*w, hidden),
      sequence_output, pooled_output (clips, hidden), itm_scores (clips, 2),
      grid_feat_res5 (clips*T, 256, S/32, S/32) the grid_feat checkpoint's backbone on the same pixels
"""
import json
import math
import struct
import sys

import torch
from torch import nn
from torch.nn import functional as F

VOCAB, HIDDEN, LAYERS, HEADS, INTERMEDIATE, POSITIONS, TYPES, MAX_GRID = 100, 128, 2, 2, 256, 64, 2, 100
WIDTH, BLOCKS = 8, (3, 4, 6, 3)  # ResNet-50's layout at 1/8 of its width
SIZE, FRAMES, CLIPS, TEXT = 224, 2, 2, 9
PIXEL_MEAN = [123.675, 116.28, 103.53]  # ClipBERT's img_pixel_mean (RGB), img_pixel_std is 1

DTYPES = {torch.float32: "F32", torch.float16: "F16", torch.int64: "I64", torch.uint8: "U8"}


def save_safetensors(path, tensors):
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


# ---- detectron2 (names and semantics of detectron2.layers / modeling.backbone.resnet) ----

class FrozenBatchNorm2d(nn.Module):
    """detectron2.layers.FrozenBatchNorm2d: statistics and affine are buffers, no num_batches_tracked."""

    def __init__(self, n, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.register_buffer("weight", torch.ones(n))
        self.register_buffer("bias", torch.zeros(n))
        self.register_buffer("running_mean", torch.zeros(n))
        self.register_buffer("running_var", torch.ones(n) - eps)

    def forward(self, x):
        scale = self.weight * (self.running_var + self.eps).rsqrt()
        bias = self.bias - self.running_mean * scale
        return x * scale.view(1, -1, 1, 1) + bias.view(1, -1, 1, 1)


class Conv2d(nn.Conv2d):
    """detectron2.layers.Conv2d: the norm lives inside the conv, hence `conv1.norm.weight`."""

    def __init__(self, *args, norm=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.norm = norm

    def forward(self, x):
        x = super().forward(x)
        return self.norm(x) if self.norm is not None else x


class BasicStem(nn.Module):
    def __init__(self, out):
        super().__init__()
        self.conv1 = Conv2d(3, out, 7, stride=2, padding=3, bias=False, norm=FrozenBatchNorm2d(out))

    def forward(self, x):
        return F.max_pool2d(F.relu_(self.conv1(x)), kernel_size=3, stride=2, padding=1)


class BottleneckBlock(nn.Module):
    """MSRA bottleneck: with stride_in_1x1 (detectron2's default, RESNETS.STRIDE_IN_1X1) the first 1x1 conv strides."""

    def __init__(self, cin, cout, bottleneck, stride, stride_in_1x1=True, dilation=1):
        super().__init__()
        self.shortcut = Conv2d(cin, cout, 1, stride=stride, bias=False, norm=FrozenBatchNorm2d(cout)) if cin != cout else None
        s1, s3 = (stride, 1) if stride_in_1x1 else (1, stride)
        self.conv1 = Conv2d(cin, bottleneck, 1, stride=s1, bias=False, norm=FrozenBatchNorm2d(bottleneck))
        self.conv2 = Conv2d(bottleneck, bottleneck, 3, stride=s3, padding=dilation, dilation=dilation, bias=False,
                            norm=FrozenBatchNorm2d(bottleneck))
        self.conv3 = Conv2d(bottleneck, cout, 1, bias=False, norm=FrozenBatchNorm2d(cout))

    def forward(self, x):
        out = F.relu_(self.conv1(x))
        out = F.relu_(self.conv2(out))
        out = self.conv3(out)
        out += self.shortcut(x) if self.shortcut is not None else x
        return F.relu_(out)


class ResNet(nn.Module):
    """detectron2's ResNet with OUT_FEATURES ["res5"]; ClipBERT forces RES5_DILATION to 1 (stride 32)."""

    def __init__(self):
        super().__init__()
        self.stem = BasicStem(WIDTH)
        cin, bottleneck = WIDTH, WIDTH
        for i, count in enumerate(BLOCKS):
            cout = bottleneck * 4
            blocks = [BottleneckBlock(cin if b == 0 else cout, cout, bottleneck, 2 if b == 0 and i > 0 else 1) for b in range(count)]
            self.add_module(f"res{i + 2}", nn.Sequential(*blocks))
            cin, bottleneck = cout, bottleneck * 2
        self.out_channels = cin

    def forward(self, x):
        x = self.stem(x)
        for i in range(len(BLOCKS)):
            x = getattr(self, f"res{i + 2}")(x)
        return {"res5": x}


class RPNHead(nn.Module):
    def __init__(self, c, anchors=15):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)
        self.objectness_logits = nn.Conv2d(c, anchors, 1)
        self.anchor_deltas = nn.Conv2d(c, anchors * 4, 1)


class ProposalGenerator(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.rpn_head = RPNHead(c)


class BoxHead(nn.Module):
    def __init__(self, c, fc):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(c, fc), nn.Linear(fc, fc)


class BoxPredictor(nn.Module):
    def __init__(self, fc, classes):
        super().__init__()
        self.cls_score, self.bbox_pred = nn.Linear(fc, classes + 1), nn.Linear(fc, classes * 4)


class AttributePredictor(nn.Module):
    def __init__(self, fc, classes, attributes, embed=8, hidden=16):
        super().__init__()
        self.obj_embed = nn.Embedding(classes + 1, embed)
        self.fc = nn.Sequential(nn.Linear(fc + embed, hidden), nn.ReLU())
        self.attr_score = nn.Linear(hidden, attributes)


class RoiHeads(nn.Module):
    """grid-feats-vqa's AttributeStandardROIHeads: get_conv5_features returns res5 unchanged."""

    def __init__(self, c, fc=32, classes=10, attributes=5):
        super().__init__()
        self.box_head = BoxHead(c, fc)
        self.box_predictor = BoxPredictor(fc, classes)
        self.attribute_predictor = AttributePredictor(fc, classes, attributes)

    def get_conv5_features(self, features):
        return features["res5"]


class GeneralizedRCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = ResNet()
        self.proposal_generator = ProposalGenerator(self.backbone.out_channels)
        self.roi_heads = RoiHeads(self.backbone.out_channels)
        # Persistent buffers in the detectron2 ClipBERT pins (ffff8ac); ClipBERT never reads them.
        self.register_buffer("pixel_mean", torch.tensor([103.530, 116.280, 123.675]).view(-1, 1, 1))
        self.register_buffer("pixel_std", torch.tensor([1.0, 1.0, 1.0]).view(-1, 1, 1))


class GridFeatBackbone(nn.Module):
    """ClipBERT's src/modeling/grid_feat.py."""

    def __init__(self):
        super().__init__()
        self.feature = GeneralizedRCNN()
        self.grid_encoder = nn.Sequential(
            nn.Conv2d(self.feature.backbone.out_channels, HIDDEN, 3, padding=1, bias=False),
            nn.MaxPool2d(kernel_size=2, stride=2),
            nn.ReLU(inplace=True))

    def forward(self, x):
        bsz, n_frms, c, h, w = x.shape
        x = x.view(bsz * n_frms, c, h, w)
        x = x[:, [2, 1, 0], :, :]  # RGB -> BGR
        res5 = self.feature.roi_heads.get_conv5_features(self.feature.backbone(x))
        grid = self.grid_encoder(res5)
        new_c, new_h, new_w = grid.shape[-3:]
        return grid.view(bsz, n_frms, new_c, new_h, new_w).permute(0, 1, 3, 4, 2)


# ---- ClipBERT's transformer (src/modeling/modeling.py, transformers 2.11's BERT) ----

class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)

    def forward(self, x, mask):
        b, n, h = x.shape
        d = h // HEADS
        split = lambda t: t.view(b, n, HEADS, d).permute(0, 2, 1, 3)
        scores = split(self.query(x)) @ split(self.key(x)).transpose(-1, -2) / math.sqrt(d) + mask
        return (scores.softmax(-1) @ split(self.value(x))).permute(0, 2, 1, 3).reshape(b, n, h)


class ResidualOutput(nn.Module):
    def __init__(self, i):
        super().__init__()
        self.dense, self.LayerNorm = nn.Linear(i, HIDDEN), nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, residual):
        return self.LayerNorm(self.dense(x) + residual)


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.self, self.output = SelfAttention(), ResidualOutput(HIDDEN)

    def forward(self, x, mask):
        return self.output(self.self(x, mask), x)


class Intermediate(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, INTERMEDIATE)

    def forward(self, x):
        return F.gelu(self.dense(x))  # transformers.activations.gelu: the exact erf form


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention, self.intermediate, self.output = Attention(), Intermediate(), ResidualOutput(INTERMEDIATE)

    def forward(self, x, mask):
        a = self.attention(x, mask)
        return self.output(self.intermediate(a), a)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = nn.ModuleList([Layer() for _ in range(LAYERS)])


class Pooler(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense = nn.Linear(HIDDEN, HIDDEN)


class BertEmbeddings(nn.Module):
    def __init__(self):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB, HIDDEN, padding_idx=0)
        self.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)
        self.token_type_embeddings = nn.Embedding(TYPES, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, ids):
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        types = torch.zeros_like(ids)
        return self.LayerNorm(self.word_embeddings(ids) + self.position_embeddings(positions) + self.token_type_embeddings(types))


class VisualInputEmbedding(nn.Module):
    def __init__(self):
        super().__init__()
        self.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)  # created, never used in forward
        self.row_position_embeddings = nn.Embedding(MAX_GRID, HIDDEN)
        self.col_position_embeddings = nn.Embedding(MAX_GRID, HIDDEN)
        self.token_type_embeddings = nn.Embedding(1, HIDDEN)
        self.LayerNorm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, grid):
        bsz, _, height, width, hsz = grid.shape
        grid = grid.mean(1)
        grid = grid + self.row_position_embeddings(torch.arange(height)).view(height, 1, hsz)
        grid = grid + self.col_position_embeddings(torch.arange(width)).view(1, width, hsz)
        tokens = grid.view(bsz, -1, hsz)
        types = torch.zeros(tokens.shape[:-1], dtype=torch.long)
        return self.LayerNorm(tokens + self.token_type_embeddings(types))


class ClipBertBaseModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = BertEmbeddings()
        self.visual_embeddings = VisualInputEmbedding()
        self.encoder = Encoder()
        self.pooler = Pooler()

    def forward(self, ids, grid, mask):
        text = self.embeddings(ids)
        visual = self.visual_embeddings(grid)
        mask = torch.cat([mask, mask.new_ones(visual.shape[:2])], dim=-1)
        x = torch.cat([text, visual], dim=1)
        additive = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.encoder.layer:
            x = layer(x, additive)
        return x, torch.tanh(self.pooler.dense(x[:, 0])), visual


class PredictionHeadTransform(nn.Module):
    def __init__(self):
        super().__init__()
        self.dense, self.LayerNorm = nn.Linear(HIDDEN, HIDDEN), nn.LayerNorm(HIDDEN, eps=1e-12)


class LMPredictionHead(nn.Module):
    def __init__(self, word_embeddings):
        super().__init__()
        self.transform = PredictionHeadTransform()
        self.decoder = nn.Linear(HIDDEN, VOCAB, bias=False)
        self.decoder.weight = word_embeddings  # tied, as BertPreTrainedModel.tie_weights does
        self.bias = nn.Parameter(torch.zeros(VOCAB))
        self.decoder.bias = self.bias


class PreTrainingHeads(nn.Module):
    def __init__(self, word_embeddings):
        super().__init__()
        self.predictions = LMPredictionHead(word_embeddings)
        self.seq_relationship = nn.Linear(HIDDEN, 2)


class ClipBertForPreTraining(nn.Module):
    def __init__(self):
        super().__init__()
        self.bert = ClipBertBaseModel()
        self.cls = PreTrainingHeads(self.bert.embeddings.word_embeddings.weight)


class ClipBert(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = GridFeatBackbone()
        self.transformer = ClipBertForPreTraining()


def randomise(module):
    """Random weights at scales that keep activations finite through 16 blocks; BN statistics too."""
    with torch.no_grad():
        for name, m in module.named_modules():
            if isinstance(m, FrozenBatchNorm2d):
                m.weight.uniform_(0.3, 0.8 if name.endswith("conv3.norm") else 1.2)
                m.bias.uniform_(-0.2, 0.2)
                m.running_mean.normal_(0, 0.2)
                m.running_var.uniform_(0.5, 2.0)
            elif isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                if m.bias is not None:
                    m.bias.normal_(0, 0.1)
            elif isinstance(m, nn.LayerNorm):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)
            elif isinstance(m, nn.Linear):
                m.weight.normal_(0, 0.05)
                if m.bias is not None:
                    m.bias.normal_(0, 0.1)
            elif isinstance(m, nn.Embedding):
                m.weight.normal_(0, 0.5)
        # The caffe-style input is 0-255 wide: a trained stem's weights are small to match.
        stem = module.backbone.stem.conv1 if isinstance(module, GeneralizedRCNN) else module.cnn.feature.backbone.stem.conv1
        stem.weight.mul_(1.0 / 128)


def normalise(pixels):
    """ClipBERT's data path: uint8 RGB (clips, T, S, S, 3) to float 0-255, ImageNorm (mean, std 1); the CNN flips to BGR."""
    x = pixels.permute(0, 1, 4, 2, 3).float()
    return x - torch.tensor(PIXEL_MEAN).view(1, 1, 3, 1, 1)


def main(folder):
    torch.manual_seed(0)
    torch.set_num_threads(2)
    pixels = torch.randint(0, 256, (CLIPS, FRAMES, SIZE, SIZE, 3), dtype=torch.uint8)
    pixels[1, :, SIZE * 3 // 4:] = 0  # the zero padding of a frame that was not square, as ClipBERT pads
    ids = torch.randint(5, VOCAB, (CLIPS, TEXT))
    ids[:, 0] = 2  # [CLS]
    ids[1, 6:] = 0  # padding
    mask = (ids != 0).long()

    # The pre-trained release: apex amp O2 trained it in float16 and saved those weights.
    model = ClipBert()
    randomise(model)
    model.eval().half()
    state = model.state_dict()  # the tied decoder.weight and word embeddings share one storage, as in the release
    torch.save(dict(state), f"{folder}/clipbert_image_text_pretrained.pt")
    torch.save(dict(state), f"{folder}/clipbert_image_text_pretrained_legacy.pt", _use_new_zipfile_serialization=False)
    save_safetensors(f"{folder}/clipbert_image_text_pretrained.safetensors", {k: v.clone() for k, v in state.items()})
    model.float()  # the stored float16 values, computed in float32
    with torch.no_grad():
        grid = model.cnn(normalise(pixels))
        sequence, pooled, visual = model.transformer.bert(ids, grid, mask)
        itm = model.transformer.cls.seq_relationship(pooled)

    # The detectron2 checkpoint ClipBERT starts from: float32, {"model": ..., "iteration": ...}.
    torch.manual_seed(1)
    detector = GeneralizedRCNN()
    randomise(detector)
    detector.eval()
    checkpoint = {"model": detector.state_dict(), "iteration": 89999}
    torch.save(checkpoint, f"{folder}/grid_feat_R-50.pth")
    torch.save(checkpoint, f"{folder}/grid_feat_R-50_legacy.pth", _use_new_zipfile_serialization=False)
    save_safetensors(f"{folder}/grid_feat_R-50.safetensors", dict(detector.state_dict()))
    with torch.no_grad():
        x = normalise(pixels).flatten(0, 1)[:, [2, 1, 0]]
        res5 = detector.backbone(x)["res5"]

    save_safetensors(f"{folder}/reference.safetensors", {
        "pixels": pixels, "input_ids": ids, "attention_mask": mask,
        "grid": grid, "visual_tokens": visual, "sequence_output": sequence, "pooled_output": pooled,
        "itm_scores": itm, "grid_feat_res5": res5,
    })
    scale = {name: float(t.abs().max()) for name, t in [("grid", grid), ("visual", visual), ("pooled", pooled), ("itm", itm), ("res5", res5)]}
    print(json.dumps(scale))


if __name__ == "__main__":
    main(sys.argv[1])
