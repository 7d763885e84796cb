#!/usr/bin/env python3
"""Independent PyTorch check of how fast the tiny CNN can learn a synthetic scene's object.

The same network as the `tiny` config's CNN side (torchvision BasicBlocks 1-1-1-1, width 16, grid
encoder conv + 2x2 max-pool + ReLU, mean over the grid) with a linear multi-label head for object
colour, shape and background colour, trained directly (no transformer) on frames of generated
videos. Prints held-out accuracy every 100 steps. Used to size the CNN warm-up (docs/learning.md). Videos: ops/gen-videos.sh --out DIR --count N --seed S --width 128 --height 96.

  python3 ops/train-synthetic/cnn_check.py --train DIR --test DIR [--steps 1500] [--size 128]
"""
import argparse, json, os, subprocess, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torchvision.models.resnet import BasicBlock

COLOURS = ['red', 'green', 'blue', 'yellow', 'white', 'black', 'orange', 'purple', 'cyan', 'gray']
SHAPES = ['square', 'circle', 'triangle', 'diamond', 'cross']


def load(directory, size):
    """Six frames per video at 2 fps, longer side to `size`, zero-padded to a square, and the labels."""
    items = [json.loads(line) for line in open(os.path.join(directory, 'manifest.jsonl'))]
    frames, labels = [], []
    for item in items:
        raw = subprocess.run(['ffmpeg', '-loglevel', 'error', '-i', os.path.join(directory, item['file']),
                              '-vf', f'fps=2,scale={size}:-2,pad={size}:{size}:0:0', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
                             capture_output=True, check=True).stdout
        frames.append(np.frombuffer(raw, np.uint8).reshape(-1, size, size, 3)[:6])
        scene = item['scene']
        labels.append([COLOURS.index(scene['color']), SHAPES.index(scene['shape']), COLOURS.index(scene['background'])])
    return torch.from_numpy(np.stack(frames)), torch.tensor(labels)


class TinyCnn(nn.Module):
    def __init__(self, width=16, hidden=128):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width, 7, 2, 3, bias=False), nn.BatchNorm2d(width), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, 1))
        blocks, channels = [], width
        for stage in range(4):
            out, stride = width << stage, 1 if stage == 0 else 2
            down = None if stride == 1 and channels == out else nn.Sequential(nn.Conv2d(channels, out, 1, stride, bias=False), nn.BatchNorm2d(out))
            blocks.append(BasicBlock(channels, out, stride, down))
            channels = out
        self.blocks = nn.Sequential(*blocks)
        self.grid = nn.Conv2d(channels, hidden, 3, padding=1)
        self.head = nn.Linear(hidden, len(COLOURS) * 2 + len(SHAPES))

    def forward(self, x):
        grid = F.relu(F.max_pool2d(self.grid(self.blocks(self.stem(x))), 2))
        return self.head(grid.mean([2, 3]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--train', required=True)
    parser.add_argument('--test', required=True)
    parser.add_argument('--size', type=int, default=128)
    parser.add_argument('--steps', type=int, default=1500)
    parser.add_argument('--batch', type=int, default=16)
    parser.add_argument('--lr', type=float, default=3e-4)
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    train_x, train_y = load(args.train, args.size)
    test_x, test_y = load(args.test, args.size)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    normalise = lambda x: ((x.permute(0, 3, 1, 2).float() / 255) - mean) / std
    spans = [(0, 10), (10, 15), (15, 25)]  # object colour, shape, background colour

    def targets(y):
        t = torch.zeros(len(y), 25)
        for k, (start, _) in enumerate(spans):
            t.scatter_(1, start + y[:, k:k + 1], 1)
        return t

    net = TinyCnn()
    optimiser = torch.optim.AdamW(net.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=1e-3)
    generator = torch.Generator().manual_seed(0)
    started = time.time()
    for step in range(1, args.steps + 1):
        videos = torch.randint(0, len(train_x), (args.batch,), generator=generator)
        starts = torch.randint(0, 5, (args.batch, 2), generator=generator)  # two clips of two consecutive frames
        picks = torch.stack([starts[:, 0], starts[:, 0] + 1, starts[:, 1], starts[:, 1] + 1], 1)
        logits = net(normalise(train_x[videos.unsqueeze(1), picks].reshape(-1, args.size, args.size, 3))).view(args.batch, 4, -1).mean(1)
        loss = F.binary_cross_entropy_with_logits(logits, targets(train_y[videos]))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step % 100 == 0:
            net.eval()
            with torch.no_grad():
                test_logits = net(normalise(test_x[:, [1, 2]].reshape(-1, args.size, args.size, 3))).view(len(test_x), 2, -1).mean(1)
            net.train()
            accuracy = [round((test_logits[:, a:b].argmax(1) == test_y[:, k]).float().mean().item(), 2) for k, (a, b) in enumerate(spans)]
            print(json.dumps({'step': step, 'loss': round(loss.item(), 3), 'colour': accuracy[0], 'shape': accuracy[1],
                              'background': accuracy[2], 'seconds': round(time.time() - started)}), flush=True)


if __name__ == '__main__':
    main()
