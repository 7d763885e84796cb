#!/usr/bin/env bash
# GPU checks of the libtorch binding, outside the normal build and tests.
#
#   bash ops/gpu-check.sh --publish   # here: publish the self-contained check/bench program to artifacts/gpu/bench
#   bash ops/gpu-check.sh             # on a GPU machine with a CUDA torch for python3 (no .NET needed):
#                                     # build the bridge against that libtorch, run the GPU checks
#                                     # (cuda:0 vs CPU results, autocast, AdamW, safetensors, leaks)
#                                     # and the Torch benchmark on cuda:0 against PyTorch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/gpu"

if [ "${1:-}" = "--publish" ]; then
  dotnet publish "$root/ops/bench/torch/VideoLang.Bench.Torch.csproj" -c Release -r linux-x64 --self-contained \
    -p:PublishTrimmed=true -nologo -clp:ErrorsOnly -o "$out/bench"
  exit 0
fi

python="${PYTHON:-python3}"
torch_dir="$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')/Torch"
cmake -S "$root/src/Torch/native" -B "$out/bridge" -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch_dir" > "$out/cmake.log"
cmake --build "$out/bridge" -j "$(nproc)" > "$out/build.log"
bridge="$out/bridge/libvideolang_torch.so"
ldd "$bridge" | grep -q libtorch_cuda || { echo "gpu-check: the bridge did not link libtorch_cuda.so" >&2; exit 1; }
g++ -O2 -std=c++17 "$root/ops/bench/torch/op_overhead.cpp" -o "$out/op_overhead" "$bridge" -Wl,-rpath,"$out/bridge"

export VIDEOLANG_BRIDGE="$bridge"
"$out/bench/VideoLang.Bench.Torch" --gpu-check
"$out/bench/VideoLang.Bench.Torch" --device cuda --iterations 20 --op-calls 200000 \
  --cpp-driver "$out/op_overhead" --python-script "$root/ops/bench/torch/bert_layer.py" --python "$(command -v "$python")"
