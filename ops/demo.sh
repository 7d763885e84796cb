#!/usr/bin/env bash
# The end-to-end demo. Sets everything up (ops/setup.sh), starts a local PostgreSQL under
# artifacts/postgres, trains the tiny model on generated videos (about 18 minutes on 2 cores, the
# whole first run about 28, as measured in the README; a second run reuses the model), starts the
# API (running the jobs too), uploads the held-out videos through the API and prints their tags,
# text searches with the matching moment and a QA batch's answers, each checked against the videos'
# known content. Ends with the URL and a curl example.
# Usage: bash ops/demo.sh [--url http://127.0.0.1:8080] [--exit]
set -euo pipefail
cd "$(dirname "$0")/.."
bash ops/setup.sh
VIDEOLANG_ConnectionStrings__VideoLang="$(bash ops/postgres.sh start)"
export VIDEOLANG_ConnectionStrings__VideoLang
export Logging__LogLevel__Default="${Logging__LogLevel__Default:-Warning}"
dotnet src/Api/bin/Release/net10.0/vlang.dll demo --work artifacts/demo "$@"
