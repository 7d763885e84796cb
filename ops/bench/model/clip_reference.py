"""The PyTorch side of the CLIP tower benchmarks: CLIP ViT-B/32 with HuggingFace's module names.

Written from the HF CLIPModel design (pre-LN ViT with class token and pre_layrnorm, causal text
transformer pooled at the first end token, bias-free projections, quick_gelu), not from the C# code.
Driven by clipbert_reference.py's --serve loop; with the C# side's weights file it runs the same
numbers and reports the largest difference of the normalised embeddings.
"""
import torch
from torch import nn
from torch.nn import functional as F

# Normalised embeddings agree when this close (the tests hold the tiny models to 1e-4; B/32 is deeper).
TOLERANCE = 1e-4
VIT_B32 = dict(image=224, patch=32, vision=768, vision_layers=12, vision_heads=12, text=512, text_layers=12, text_heads=8,
               vocab=49408, context=77, projection=512, eos=49407)


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.heads = heads
        self.k_proj, self.v_proj, self.q_proj, self.out_proj = (nn.Linear(h, h) for _ in range(4))

    def forward(self, x, mask):
        b, n, h = x.shape
        d = h // self.heads
        split = lambda t: t.view(b, n, self.heads, d).transpose(1, 2)
        scores = split(self.q_proj(x) * d ** -0.5) @ split(self.k_proj(x)).transpose(-1, -2)
        if mask is not None:
            scores = scores + mask
        return self.out_proj((scores.softmax(-1) @ split(self.v_proj(x))).transpose(1, 2).reshape(b, n, h))


class Mlp(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(h, 4 * h), nn.Linear(4 * h, h)

    def forward(self, x):
        return self.fc2(quick_gelu(self.fc1(x)))


class Layer(nn.Module):
    def __init__(self, h, heads):
        super().__init__()
        self.self_attn, self.layer_norm1, self.mlp, self.layer_norm2 = Attention(h, heads), nn.LayerNorm(h), Mlp(h), nn.LayerNorm(h)

    def forward(self, x, mask):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        return x + self.mlp(self.layer_norm2(x))


class Encoder(nn.Module):
    def __init__(self, h, layers, heads):
        super().__init__()
        self.layers = nn.ModuleList([Layer(h, heads) for _ in range(layers)])

    def forward(self, x, mask=None):
        for layer in self.layers:
            x = layer(x, mask)
        return x


class VisionEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["vision"]
        self.class_embedding = nn.Parameter(torch.randn(h) * 0.02)
        self.patch_embedding = nn.Conv2d(3, h, c["patch"], stride=c["patch"], bias=False)
        self.position_embedding = nn.Embedding((c["image"] // c["patch"]) ** 2 + 1, h)

    def forward(self, pixels):
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)
        x = torch.cat([self.class_embedding.expand(x.shape[0], 1, -1), x], dim=1)
        return x + self.position_embedding.weight


class VisionModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        h = c["vision"]
        self.embeddings = VisionEmbeddings(c)
        self.pre_layrnorm = nn.LayerNorm(h)
        self.encoder = Encoder(h, c["vision_layers"], c["vision_heads"])
        self.post_layernorm = nn.LayerNorm(h)

    def forward(self, pixels):
        return self.post_layernorm(self.encoder(self.pre_layrnorm(self.embeddings(pixels)))[:, 0])


class TextEmbeddings(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.token_embedding = nn.Embedding(c["vocab"], c["text"])
        self.position_embedding = nn.Embedding(c["context"], c["text"])

    def forward(self, ids):
        return self.token_embedding(ids) + self.position_embedding.weight[: ids.shape[1]]


class TextModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.eos = c["eos"]
        self.embeddings = TextEmbeddings(c)
        self.encoder = Encoder(c["text"], c["text_layers"], c["text_heads"])
        self.final_layer_norm = nn.LayerNorm(c["text"])

    def forward(self, ids):
        n = ids.shape[1]
        causal = torch.full((n, n), torch.finfo(torch.float32).min, device=ids.device).triu(1)
        x = self.final_layer_norm(self.encoder(self.embeddings(ids), causal))
        return x[torch.arange(x.shape[0], device=ids.device), (ids == self.eos).int().argmax(-1)]


class Clip(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.text_model, self.vision_model = TextModel(c), VisionModel(c)
        self.visual_projection = nn.Linear(c["vision"], c["projection"], bias=False)
        self.text_projection = nn.Linear(c["text"], c["projection"], bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(2.6592))

    def encode_images(self, pixels):
        return F.normalize(self.visual_projection(self.vision_model(pixels)), dim=-1)

    def encode_texts(self, ids):
        return F.normalize(self.text_projection(self.text_model(ids)), dim=-1)


class ClipTower:
    """CLIP ViT-B/32, one tower: 16 frames at 224 px (image) or 16 texts of 77 tokens (text)."""
    image = True

    def __init__(self, device, weights=None, load=None):
        torch.manual_seed(0)
        model = Clip(VIT_B32).eval()
        self.details = {}
        key = "pixels" if self.image else "ids"
        if weights:
            tensors = load(weights)
            own = model.state_dict()
            missing = sorted(set(own) - set(tensors))
            if missing:
                raise SystemExit(f"{weights} lacks {len(missing)} of the replica's tensors, e.g. {missing[:5]}")
            model.load_state_dict({k: tensors[k] for k in own})
            self.input = tensors[f"input.{key}"]
        else:
            self.input = torch.randn(16, 3, 224, 224) if self.image else torch.randint(1, 49405, (16, 77))
            if not self.image:
                self.input[:, -1] = VIT_B32["eos"]
        self.model = model.to(device)
        self.input = self.input.to(device)
        if weights:
            output = self.step()  # counts as a warm-up, as the C# side's exporting forward does
            expected = tensors["output.image_embeds" if self.image else "output.text_embeds"]
            difference = (output.cpu() - expected).abs().max().item()
            self.details = {"max_abs_difference": difference, "outputs_agree": difference <= TOLERANCE}

    @torch.inference_mode()
    def step(self):
        return self.model.encode_images(self.input) if self.image else self.model.encode_texts(self.input)


class ClipImageTower(ClipTower):
    name = "clip_vit_b32_image_tower"
    image = True


class ClipTextTower(ClipTower):
    name = "clip_vit_b32_text_tower"
    image = False
