#!/usr/bin/env bash
# Runs every test: installs and builds what is missing (scripts/setup.sh), then
# the C++ suites through CTest and the Python suites through pytest. Exits
# non-zero when any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j 2
.venv/bin/python -m pytest -q
