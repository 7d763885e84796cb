#!/usr/bin/env bash
# Sets everything up (ops/setup.sh) and runs the end-to-end job that exists so far.
# Until the store, jobs and API land (issues 5 and 6) that job is the tensor engine's own check:
# the Torch benchmark, which trains nothing but runs a BERT-base layer forward and backward from C#
# and the same layer in PyTorch, and prints how they compare.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/setup.sh
echo "demo: BERT-base layer and per-op overhead, C# vs C++ vs PyTorch (JSON lines; ratio < 1 means C# is faster)"
bash ops/bench/torch/run.sh --iterations 3 --op-calls 100000
