#!/usr/bin/env bash
# Search benchmark (issue 20): synthetic clip embeddings (512-d, 20 clips per video, clips of a video
# near each other) written into the local PostgreSQL at 100k, 300k and 1M clips; the same queries
# through the HNSW index (candidates re-scored exactly from the rows, as search does), an exact SIMD
# scan in process and the PostgreSQL scan search used before (100k only). One JSON line per size:
# p50/p95 latency of each, exact_vs_index and sql_vs_index (p50 ratios, same run), recall@10, build
# seconds and index megabytes. Progress goes to stderr. The bench's rows are deleted afterwards.
# Usage: ops/bench/search/run.sh [--sizes 100000,300000,1000000] [--queries 200]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
url="$(bash "$root/ops/postgres.sh" start)"
dotnet build "$root/src/Api/VideoLang.Api.csproj" -c Release -nologo -clp:ErrorsOnly >&2
export VIDEOLANG_ConnectionStrings__VideoLang="$url"
export Logging__LogLevel__Default=Warning
dotnet "$root/src/Api/bin/Release/net10.0/vlang.dll" migrate >&2
dotnet "$root/src/Api/bin/Release/net10.0/vlang.dll" bench search "$@"
