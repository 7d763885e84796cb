#!/usr/bin/env bash
# Sampler benchmark: sparse clip decoding vs ffmpeg decoding every frame of the same 10-minute 720p
# H.264 file, both timed in this run. Prints JSON lines (ratio_vs_full_decode = full / sparse; target
# >= 20 for 16 clips x 2 frames at 448 px). The test videos are generated once and cached.
# Usage: ops/bench/sampler/run.sh [--gops 50,250] [--clips 1,4,16] [--size 448] [--repeats 3]
#                                 [--full-repeats 2] [--seconds 600] [--cache DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
out="$root/artifacts/bench/sampler"
mkdir -p "$out"
dotnet build "$here/VideoLang.Bench.Sampler.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/bin" >&2
dotnet "$out/bin/VideoLang.Bench.Sampler.dll" --cache "${VIDEOLANG_BENCH_CACHE:-$root/artifacts/bench/sampler/videos}" "$@"
