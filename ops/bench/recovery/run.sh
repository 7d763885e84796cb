#!/usr/bin/env bash
# Recovery benchmark: how long a SIGKILLed worker's jobs take to run again on another worker, split
# into detection (kill -> queue entry free again; bounded by Worker:InvisibilityTimeout) and queueing
# (free -> started by another worker). Two worker processes on the local PostgreSQL; prints one JSON line.
# Usage: ops/bench/recovery/run.sh [--videos 16] [--rounds 3] [--Worker:InvisibilityTimeout=00:00:30]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="$root/artifacts/bench/recovery"
mkdir -p "$out"
url="$(bash "$root/ops/postgres.sh" start)"
dotnet build "$root/src/Api/VideoLang.Api.csproj" -c Release -nologo -clp:ErrorsOnly >&2
export VIDEOLANG_ConnectionStrings__VideoLang="$url"
export VIDEOLANG_Worker__StorageDirectory="$out/storage"
export Logging__LogLevel__Default=Warning
dotnet "$root/src/Api/bin/Release/net10.0/vlang.dll" bench recovery --work "$out" "$@"
