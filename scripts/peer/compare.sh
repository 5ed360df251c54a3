#!/usr/bin/env bash
# Times ttsbench's kokoro.Engine (BenchmarkPeerLines) and kokoro-js 1.2.1
# (kokorojs-run.mjs) per input line on the same ONNX file, voice, lines and
# intra-op thread count, in alternating rounds, and prints the medians and
# the ratio of each round.
#
#   usage: scripts/peer/compare.sh [tiny | kokoro | MODEL_DIR]
#
#   tiny       a tiny stand-in written into the work folder (default)
#   kokoro     the kokoro-size stand-in in ${XDG_CACHE_HOME:-~/.cache}/ttsbench/models/standin-kokoro
#   MODEL_DIR  any folder with onnx/model.onnx and a config.json with "vocab"
#
# Environment (defaults in brackets):
#   THREADS   ONNX Runtime intra-op threads on both sides [1]
#   ROUNDS    rounds; each runs both engines in a fresh process, and even
#             rounds run kokoro-js first [3]
#   PASSES    timed passes over all lines per engine and round [3]
#   WARMUP    untimed passes before them [2]
#   SPINNING  1 lets idle ONNX Runtime threads busy-wait on both sides [0]
#   MODEL_ONLY  1 times only the model runs, on ids G2P produced before
#             the warm-up, so G2P is left out on both sides [0]
#   OUT       folder for the per-line records [a new folder under /tmp]
#   TTSBENCH_PEER_DIR, TTSBENCH_PEER_ORT  passed to kokorojs-setup.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
export PATH="/usr/local/go/bin:$PATH"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/ttsbench
work=${TTSBENCH_PEER_DIR:-$cache/peer-kokorojs}
export TTSBENCH_PEER_DIR=$work

threads=${THREADS:-1}
rounds=${ROUNDS:-3}
passes=${PASSES:-3}
warmup=${WARMUP:-2}
spinning=${SPINNING:-0}
model_only=${MODEL_ONLY:-0}
out=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/ttsbench-peer.XXXXXX")}
mkdir -p "$out"

log() { printf 'compare: %s\n' "$*" >&2; }

for v in threads rounds passes; do
  if ! [[ ${!v} =~ ^[1-9][0-9]*$ ]]; then
    log "invalid ${v^^}=${!v}: use a positive integer"
    exit 2
  fi
done
if ! [[ $warmup =~ ^[0-9]+$ ]]; then
  log "invalid WARMUP=$warmup: use an integer of at least 0"
  exit 2
fi

model=${1:-tiny}
case $model in
  tiny)
    src=$work/src/standin-tiny
    log "writing the tiny stand-in to $src"
    (cd "$repo" && go run ./cmd/ttsbench models standin "$src" --size tiny --models model --voices af_heart >/dev/null)
    ;;
  kokoro)
    src=$cache/models/standin-kokoro
    if [ ! -f "$src/onnx/model.onnx" ]; then
      log "$src/onnx/model.onnx not found; write it with \`ttsbench models standin $src --size kokoro\` or \`make demo\`"
      exit 1
    fi
    ;;
  *)
    src=$model
    ;;
esac

model_dir=$(bash "$here/kokorojs-setup.sh" "$src" "peer-$(basename "$src")")
onnx=$model_dir/onnx/model.onnx

log "building the kokoro test binary"
(cd "$repo" && go test -c -o "$out/kokoro.test" ./kokoro)

js_flags=()
[ "$spinning" = 1 ] && js_flags+=(--spinning)
[ "$model_only" = 1 ] && js_flags+=(--model-only)

run_ttsbench() {
  (cd "$repo/kokoro" &&
    TTSBENCH_PEER_MODEL=$onnx TTSBENCH_PEER_THREADS=$threads TTSBENCH_PEER_WARMUP=$warmup \
      TTSBENCH_PEER_SPINNING=$spinning TTSBENCH_PEER_MODEL_ONLY=$model_only TTSBENCH_PEER_OUT=$out/round-$1-ttsbench.jsonl \
      "$out/kokoro.test" -test.run '^$' -test.bench '^BenchmarkPeerLines$' -test.benchtime "${passes}x" -test.count 1 -test.v) \
    >"$out/round-$1-ttsbench.log" 2>&1 || { cat "$out/round-$1-ttsbench.log" >&2; exit 1; }
  grep 'ms/line' "$out/round-$1-ttsbench.log" >&2
}

run_kokorojs() {
  node "$here/kokorojs-run.mjs" --workdir "$work" --threads "$threads" --warmup "$warmup" --passes "$passes" "${js_flags[@]}" \
    "$model_dir" <"$repo/kokoro/testdata/peer_lines.txt" >"$out/round-$1-kokorojs.jsonl" 2>"$out/round-$1-kokorojs.log" ||
    { cat "$out/round-$1-kokorojs.log" >&2; exit 1; }
  cat "$out/round-$1-kokorojs.log" >&2
}

{
  echo "model file: $(readlink -f "$onnx") ($(stat -L -c %s "$onnx") bytes)"
  echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "go $(go env GOVERSION), node $(node --version), threads $threads, spinning $spinning, model only $model_only, warm-up passes $warmup, timed passes $passes, rounds $rounds"
} | tee "$out/setup.txt"

for ((r = 1; r <= rounds; r++)); do
  log "round $r of $rounds"
  if ((r % 2 == 1)); then
    run_ttsbench "$r"
    run_kokorojs "$r"
  else
    run_kokorojs "$r"
    run_ttsbench "$r"
  fi
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/setup.txt"

node "$here/summarize.mjs" "$out" | tee "$out/summary.txt"
log "per-line records in $out"
