#!/usr/bin/env bash
# Generates synthetic videos of known content (coloured shapes, still or moving, optional words) and
# manifest.jsonl with their captions, QA pairs and tags; deterministic for a seed.
# Usage: ops/gen-videos.sh --out DIR [--count 20] [--seed 1] [--width 160] [--height 120] [--fps 10]
#                          [--seconds 3] [--codec h264|h265|vp9|mpeg4] [--format mp4|mov|mkv|webm|avi|mpegts|flv]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../artifacts/tools/gen-videos"
dotnet build "$here/gen-videos/VideoLang.GenVideos.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out" >&2
dotnet "$out/VideoLang.GenVideos.dll" "$@"
