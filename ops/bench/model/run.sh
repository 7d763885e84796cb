#!/usr/bin/env bash
# Model benchmark: the clipbert-base forward for one video, a tiny-model training step, and CLIP
# ViT-B/32's image and text towers, from C# and from independent PyTorch implementations in
# Python (clipbert_reference.py, clip_reference.py), same libtorch, same threads, same run.
# Prints JSON lines (ratio_vs_python = C# time / Python time; target <= 1.0).
# Usage: ops/bench/model/run.sh [--iterations 2] [--train-iterations 10] [--threads N]
#                               [--clip-iterations 5] [--device cpu|cuda]
#                               [--only clipbert_base_forward|tiny_training_step|clip_vit_b32_image_tower|clip_vit_b32_text_tower]
#                               [--no-compare] [--python /usr/bin/python3]
# CUDA defaults to 20 and 50 iterations (50 for the CLIP towers; 5 on the CPU). --threads applies to both sides (default: the core count).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
out="$root/artifacts/bench/model"
mkdir -p "$out"
dotnet build "$here/VideoLang.Bench.Model.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/bin" >&2
dotnet "$out/bin/VideoLang.Bench.Model.dll" --python-script "$here/clipbert_reference.py" --work "$out" "$@"
