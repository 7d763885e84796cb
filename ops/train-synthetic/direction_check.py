#!/usr/bin/env python3
"""Independent PyTorch check: can the tiny model's transformer learn motion direction from ideal visual tokens?

No video and no CNN: each synthetic moving scene (the generator's geometry: a 28-px shape crossing a
128x96 frame, padded to 128x128, in 2.9 s) becomes, for a clip of T=2 frames, the exact share of every
cell of the 4x4 grid the shape covers in each frame. Tokens are that share times a learned "shape"
vector plus the rest times a learned "background" vector, so the tokens hold the shape's position as
well as any CNN could. Readouts trained on direction (left/right/up/down, balanced):

  mlp                  an MLP on the flattened shares (the information is there: it reaches 1.0)
  bert-ordered         a 2-layer BERT of the tiny config's size (hidden 128, 4 heads, FFN 256, post-LN),
                       [CLS] first, visual tokens with row + column + temporal embeddings as ordered fusion
  bert-per-frame       the same with a row and a column table per frame (space-time position embeddings)
  pool-per-frame       no transformer: a linear layer on the mean of the per-frame-embedded tokens
  bert-frame-pool      bert-ordered plus, trained beside it, a linear classifier on each frame's tokens
                       pooled over the grid (the recipe's visual tag classifier)
  bert-grid-shift      bert-ordered with a 3x3 conv over the cells after TSM's shift (an eighth of the
                       channels from the other frame each way; ClipBertConfig.GridTemporalShift)
  bert-grid-shift-frame-pool  both: the shifted conv plus the frame-pooled classifier

Knowing the axis (horizontal movers sit on the middle row, vertical ones on the middle column) gives
0.5; only the sign of the displacement between the two frames gives more. A bert-* readout's
accuracy is its [CLS] head's, never the side classifier's. Prints one JSON line per readout with
held-out accuracy at every fifth of the run (docs/learning.md).

  /usr/bin/python3 ops/train-synthetic/direction_check.py [--steps 2000] [--fps 2] [--seed 0] [--readouts mlp,bert-ordered,...]
"""
import argparse, json, random

import torch
import torch.nn as nn
import torch.nn.functional as F

HIDDEN, GRID, CELL, FRAMES, SHAPE = 128, 4, 32, 2, 28
TRAVEL_SECONDS, VIDEO_SECONDS = 2.9, 3.0
# Top-left corners at the start and end of the travel, per direction (SceneLayout.For at 128x96).
PATHS = {0: ((94, 34), (6, 34)), 1: ((6, 34), (94, 34)), 2: ((50, 62), (50, 6)), 3: ((50, 6), (50, 62))}


def shares(x, y):
    """(GRID, GRID) share of each cell covered by the shape with its top-left corner at (x, y)."""
    grid = torch.zeros(GRID, GRID)
    for row in range(GRID):
        for col in range(GRID):
            wide = max(0.0, min(x + SHAPE, (col + 1) * CELL) - max(x, col * CELL))
            high = max(0.0, min(y + SHAPE, (row + 1) * CELL) - max(y, row * CELL))
            grid[row, col] = wide * high / CELL**2
    return grid


def scene(rng, fps):
    """One clip of a random moving scene: (FRAMES, GRID, GRID) shares and the direction's index."""
    direction = rng.randrange(4)
    (x0, y0), (x1, y1) = PATHS[direction]
    start = rng.uniform(0, VIDEO_SECONDS - FRAMES / fps)
    frames = []
    for k in range(FRAMES):
        # Frames in the middle of their slot (ClipPlan); the shape leaves at the first video frame (0.05 s).
        f = min(1.0, max(0.0, (start + (k + 0.5) / fps - 0.05) / TRAVEL_SECONDS))
        frames.append(shares(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f))
    return torch.stack(frames), direction


class Tokens(nn.Module):
    """Visual tokens from shares, with ClipBERT-style embeddings (shared or per-frame row/column tables)."""

    def __init__(self, per_frame, grid_shift=False):
        super().__init__()
        tables = FRAMES if per_frame else 1
        self.conv = nn.Conv2d(HIDDEN, HIDDEN, 3, padding=1) if grid_shift else None
        self.shape = nn.Parameter(torch.randn(HIDDEN))
        self.background = nn.Parameter(torch.randn(HIDDEN))
        self.rows = nn.Parameter(torch.randn(tables, GRID, 1, HIDDEN) * 0.02)
        self.cols = nn.Parameter(torch.randn(tables, 1, GRID, HIDDEN) * 0.02)
        self.temporal = nn.Parameter(torch.randn(FRAMES, 1, 1, HIDDEN) * 0.02)
        self.norm = nn.LayerNorm(HIDDEN)

    def forward(self, share):  # (B, FRAMES, GRID, GRID) -> (B, FRAMES*GRID*GRID, HIDDEN)
        s = share[..., None]
        x = s * self.shape + (1 - s) * self.background  # (B, FRAMES, GRID, GRID, HIDDEN)
        if self.conv is not None:
            x = F.relu(self.conv(shift(x.permute(0, 1, 4, 2, 3)).flatten(0, 1)))
            x = x.view(-1, FRAMES, HIDDEN, GRID, GRID).permute(0, 1, 3, 4, 2)
        x = x + self.rows + self.cols + self.temporal
        return self.norm(x.flatten(1, 3))


def shift(x):
    """TSM's shift of (B, FRAMES, C, H, W): C/8 channels from the next frame, C/8 from the previous, zeros at the ends."""
    fold = x.shape[2] // 8
    out = torch.zeros_like(x)
    out[:, :-1, :fold] = x[:, 1:, :fold]
    out[:, 1:, fold:2 * fold] = x[:, :-1, fold:2 * fold]
    out[:, :, 2 * fold:] = x[:, :, 2 * fold:]
    return out


class Bert(nn.Module):
    def __init__(self, per_frame=False, grid_shift=False, frame_pool=False):
        super().__init__()
        self.tokens = Tokens(per_frame, grid_shift)
        self.frame_pool = nn.Linear(FRAMES * HIDDEN, 4) if frame_pool else None
        self.side_logits = None
        self.cls = nn.Parameter(torch.randn(1, 1, HIDDEN) * 0.02)
        layer = nn.TransformerEncoderLayer(HIDDEN, 4, 256, 0.1, activation='gelu', batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Sequential(nn.Linear(HIDDEN, 2 * HIDDEN), nn.GELU(), nn.Linear(2 * HIDDEN, 4))

    def forward(self, share):
        x = self.tokens(share)
        if self.frame_pool is not None:
            self.side_logits = self.frame_pool(x.view(x.shape[0], FRAMES, -1, HIDDEN).mean(2).flatten(1))
        x = torch.cat([self.cls.expand(x.shape[0], 1, HIDDEN), x], 1)
        return self.head(self.encoder(x)[:, 0])


class Pool(nn.Module):
    def __init__(self):
        super().__init__()
        self.tokens = Tokens(per_frame=True)
        self.head = nn.Linear(HIDDEN, 4)

    def forward(self, share):
        return self.head(self.tokens(share).mean(1))


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(FRAMES * GRID * GRID, 256), nn.ReLU(), nn.Linear(256, 4))

    def forward(self, share):
        return self.net(share)


def train(name, model, data, held_out, steps, lr, seed):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.98), weight_decay=1e-3)
    x, y = data
    curve = []
    for step in range(steps):
        # The trainer's schedule: 10% linear warm-up, then linear decay.
        scale = min(1.0, (step + 1) / (0.1 * steps), (steps - step) / (0.9 * steps))
        for group in optimizer.param_groups:
            group['lr'] = lr * scale
        pick = torch.tensor(rng.sample(range(len(y)), 16))
        loss = F.cross_entropy(model(x[pick]), y[pick])
        if getattr(model, 'side_logits', None) is not None:
            loss = loss + F.cross_entropy(model.side_logits, y[pick])  # the frame-pooled classifier's own loss
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5)
        optimizer.step()
        if (step + 1) % (steps // 5) == 0:
            model.eval()
            with torch.no_grad():
                accuracy = (model(held_out[0]).argmax(1) == held_out[1]).float().mean().item()
            model.train()
            curve.append({'step': step + 1, 'held_out_accuracy': round(accuracy, 3)})
    return {'readout': name, 'steps': steps, 'curve': curve}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--steps', type=int, default=2000)
    parser.add_argument('--fps', type=float, default=2.0)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--lr', type=float, default=2e-3, help="the synthetic recipe's transformer rate")
    parser.add_argument('--readouts', default='', help='comma-separated names (default: all)')
    args = parser.parse_args()
    torch.set_num_threads(2)
    rng = random.Random(args.seed)

    def clips(n):
        pairs = [scene(rng, args.fps) for _ in range(n)]
        return torch.stack([p[0] for p in pairs]), torch.tensor([p[1] for p in pairs])

    data, held_out = clips(4000), clips(400)
    torch.manual_seed(args.seed)
    readouts = {
        'mlp': (Mlp(), 1e-3),
        'bert-ordered': (Bert(), args.lr),
        'bert-per-frame': (Bert(per_frame=True), args.lr),
        'pool-per-frame': (Pool(), args.lr),
        'bert-frame-pool': (Bert(frame_pool=True), args.lr),
        'bert-grid-shift': (Bert(grid_shift=True), args.lr),
        'bert-grid-shift-frame-pool': (Bert(grid_shift=True, frame_pool=True), args.lr),
    }
    wanted = [r for r in args.readouts.split(',') if r] or list(readouts)
    for name, (model, lr) in readouts.items():
        if name not in wanted:
            continue
        result = train(name, model, data, held_out, args.steps, lr, args.seed)
        print(json.dumps({'fps': args.fps, **result}), flush=True)


if __name__ == '__main__':
    main()
