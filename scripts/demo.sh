#!/usr/bin/env bash
# The main job, end to end: installs and builds what is missing, starts the
# built-in simulated endpoint (`loadlaw sim`), sweeps it over seven
# concurrency levels, fits its capacity model (holding out the top level to
# check the forecast), plans the replicas for 100 req/s under latency SLOs
# with 20 % headroom, writes the report, stops the simulator, and prints where
# the report is and the answer. Outputs go to runs/demo.* and reports/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

bin=build/bin/loadlaw
mkdir -p runs reports
rm -f runs/demo.sweep.json runs/demo.model.json

# A continuous-batching server that batches up to 32 sequences; each engine
# step costs 6 ms plus 0.4 ms per running sequence (5 % jitter).
"$bin" sim --port 0 --max-num-seqs 32 --step-base-ms 6 --step-per-seq-ms 0.4 \
  --jitter 0.05 \
  > runs/demo.sim.log 2>&1 &
sim_pid=$!
trap 'kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" runs/demo.sim.log && break
  sleep 0.1
done
target=$(grep -o 'http://127.0.0.1:[0-9]*' runs/demo.sim.log | head -1)
[ -n "$target" ] || { echo "demo: the simulator did not start:" >&2; cat runs/demo.sim.log >&2; exit 1; }

"$bin" sweep --target "$target" --prompt-tokens 128 --max-tokens 64 \
  --levels 1,2,4,8,16,24,32 --warmup 2s --level-duration 6s \
  --label sim --server-limit 32 --pid "$sim_pid" --no-progress \
  --out runs/demo.sweep.json
"$bin" fit runs/demo.sweep.json --out runs/demo.model.json
echo
plan=(--demand 100rps --headroom 20% --slo 'p99(e2e)<2s' --slo 'p95(ttft)<300ms'
      --pricing models/pricing.json --hardware sim)
"$bin" plan runs/demo.model.json "${plan[@]}"
echo
answer=$("$bin" report runs/demo.sweep.json runs/demo.model.json "${plan[@]}" \
  --title "Capacity report: loadlaw sim (demo)" --out reports/demo 2>&1 >/dev/null)
echo "Report: $(pwd)/reports/demo/report.html (and report.md, report.json)"
echo "$answer"
