#!/usr/bin/env bash
# Trains the tiny ClipBERT on generated videos (disjoint train/held-out scenes) and prints held-out
# retrieval and QA metrics as JSON. Videos are generated once and reused.
# Usage: ops/train-synthetic.sh [--out artifacts/synthetic] [--train 1000] [--test 50] [--epochs 16] [--fusion mean|ordered] [--seed 1]
#   [--batch 16] [--lr 2e-3] [--cnn-lr 3e-4] [--hard 2] [--objectives itm,qa,tags,contrastive,visual_tags,mlm] [--image-size 128]
#   [--clips 1] [--warmup 0.1] [--visual-warmup 48] [--temporal-shift] [--[no-]grid-shift] [--[no-]time-reversal]
#   [--frames 2] [--fps 2] [--breakdown] [--evaluate CHECKPOINT]  (ordered fusion: --epochs 24 --fps 1 by default)
#   (defaults: SyntheticTrainingOptions; all flags: ops/train-synthetic/Program.cs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../artifacts/tools/train-synthetic"
dotnet build "$here/train-synthetic/VideoLang.TrainSynthetic.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out" >&2
dotnet "$out/VideoLang.TrainSynthetic.dll" "$@"
