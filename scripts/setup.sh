#!/usr/bin/env bash
# Installs what is missing (Debian packages, the Python environment .venv),
# builds loadlaw in build/ and installs the Python package into .venv; keeps
# a numpy wheel in build/wheelhouse/ for the installed-package test.
# Safe to run any number of times: it installs nothing that is present and
# rebuilds only what changed. Used by scripts/demo.sh and scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libceres-dev libeigen3-dev libboost-dev nlohmann-json3-dev libcli11-dev
  libcurl4-openssl-dev libgtest-dev libgmock-dev libre2-dev
  python3 python3-venv python3-dev
  chromium
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$p")
  fi
done
# The report's charting library comes from npm; Debian's npm brings Node.js
# where the machine has none.
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The charting library `loadlaw report` inlines into report.html, pinned in
# src/report/web/package-lock.json (node_modules there is git-ignored).
if [ ! -f src/report/web/node_modules/chart.js/dist/chart.umd.js ]; then
  npm ci --prefix src/report/web --no-audit --no-fund --loglevel=error
fi

if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build build -j "$(nproc)"

# The Python environment: pinned packages, then loadlaw itself (the same CMake
# targets, built by scikit-build-core in build/python/).
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r python/requirements.txt
.venv/bin/python -m pip install -q --disable-pip-version-check \
  --no-build-isolation --no-deps .

# numpy as a wheel in build/wheelhouse/, the version pinned above: what
# tests/python/test_installed_report.py installs, with pip --no-index, into
# a fresh environment beside the loadlaw wheel, with no network.
numpy_pin=$(grep -E '^numpy==' python/requirements.txt)
if ! compgen -G "build/wheelhouse/numpy-${numpy_pin#numpy==}-*.whl" >/dev/null; then
  .venv/bin/python -m pip download -q --disable-pip-version-check \
    --only-binary=:all: --no-deps -d build/wheelhouse "$numpy_pin"
fi
