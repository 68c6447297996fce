#!/usr/bin/env bash
# The main job: installs and builds what is missing, then fits the Universal
# Scalability Law to the bundled Cisco benchmark, holding out the 22 highest
# levels to show how well a fit on the first 10 forecasts the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/bin/loadlaw fit models/examples/cisco.csv --holdout 22
