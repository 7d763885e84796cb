#!/usr/bin/env bash
# Sets everything up (ops/setup.sh) and runs the end-to-end job that exists so far: generate
# videos of known content, train the tiny model on CPU (or reuse the one trained before), then
# tag, answer questions about and search held-out videos, each answer with its supporting clip.
# The HTTP service, store and workers come with issues 5 and 6.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/setup.sh
dotnet build ops/demo/VideoLang.Demo.csproj -c Release -nologo -clp:ErrorsOnly -o artifacts/tools/demo >&2
dotnet artifacts/tools/demo/VideoLang.Demo.dll artifacts/demo
