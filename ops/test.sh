#!/usr/bin/env bash
# Sets everything up (ops/setup.sh) and runs every test: real libtorch, real ffmpeg, real PostgreSQL.
# GPU tests (trait Device=Cuda) run only through ops/gpu-check.sh on a machine with a GPU.
set -uo pipefail
cd "$(dirname "$0")/.."
bash ops/setup.sh || exit 1

log=$(mktemp)
dotnet test VideoLang.sln -c Release --no-build -nologo --filter "Device!=Cuda" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One plain closing line over all test assemblies.
summary() { grep -oE "$1: +[0-9]+" "$log" | awk '{ s += $2 } END { print s + 0 }'; }
passed=$(summary Passed)
failed=$(summary Failed)
skipped=$(summary Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
