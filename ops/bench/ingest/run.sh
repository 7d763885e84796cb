#!/usr/bin/env bash
# Ingest benchmark: videos per minute ingested end to end (upload bookkeeping, probe, decode, model,
# database) by 1 and by 2 worker processes on the local PostgreSQL, and where the time goes.
# Prints one JSON line; two_vs_one = throughput with 2 workers / with 1, measured in the same run.
# Uses the active model (the demo's, if it ran), else a randomly initialised tiny one.
# Usage: ops/bench/ingest/run.sh [--videos 24]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$root/artifacts/bench/ingest"
mkdir -p "$out"
url="$(bash "$root/ops/postgres.sh" start)"
dotnet build "$root/src/Api/VideoLang.Api.csproj" -c Release -nologo -clp:ErrorsOnly >&2
export VIDEOLANG_ConnectionStrings__VideoLang="$url"
export VIDEOLANG_Worker__StorageDirectory="$out/storage"
export Logging__LogLevel__Default=Warning
dotnet "$root/src/Api/bin/Release/net10.0/vlang.dll" bench ingest --work "$out" "$@"
