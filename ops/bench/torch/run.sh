#!/usr/bin/env bash
# Torch benchmark: C# vs a C++ driver vs PyTorch from Python, same libtorch, same run.
# Prints JSON lines (ratio = C# time / other time; target ratio_vs_python <= 1.0).
# Usage: ops/bench/torch/run.sh [--iterations N] [--op-calls N]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
out="$root/artifacts/bench/torch"
mkdir -p "$out"
dotnet build "$here/VideoLang.Bench.Torch.csproj" -c Release -nologo -clp:ErrorsOnly -o "$out/bin" >&2
bridge="$out/bin/libvideolang_torch.so"
g++ -O2 -std=c++17 "$here/op_overhead.cpp" -o "$out/op_overhead" "$bridge" -Wl,-rpath,"$out/bin"
dotnet "$out/bin/VideoLang.Bench.Torch.dll" --cpp-driver "$out/op_overhead" --python-script "$here/bert_layer.py" "$@"
