#!/usr/bin/env bash
# Installs kokoro-js 1.2.1 from npm into a work folder outside the
# repository and, given a ttsbench model folder, lays it out as the Hugging
# Face style folder kokoro-js loads. Idempotent: a matching install is kept.
#
#   usage: scripts/peer/kokorojs-setup.sh [SRC_DIR [NAME]]
#
#   SRC_DIR  a folder with onnx/model.onnx and a config.json with "vocab",
#            e.g. one written by `ttsbench models standin DIR --models model`
#   NAME     the model folder's name under WORK/models (default: basename
#            of SRC_DIR)
#
# Environment:
#   TTSBENCH_PEER_DIR  work folder (default ${XDG_CACHE_HOME:-~/.cache}/ttsbench/peer-kokorojs)
#   TTSBENCH_PEER_ORT  onnxruntime-node version to force on transformers.js
#                      through npm overrides, e.g. 1.30.0 to match the ONNX
#                      Runtime ttsbench uses (default: the version
#                      transformers.js pins)
#
# Prints the model folder, or the work folder when no SRC_DIR is given.
# npm runs with --ignore-scripts: onnxruntime-node's install script only
# fetches CUDA binaries, and the CPU binaries ship inside the package.
set -euo pipefail

kjs_version=1.2.1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=${TTSBENCH_PEER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ttsbench/peer-kokorojs}
ort_override=${TTSBENCH_PEER_ORT:-}

log() { printf 'kokorojs-setup: %s\n' "$*" >&2; }

command -v node >/dev/null || { log "node not found; install Node.js 18 or later"; exit 1; }
command -v npm >/dev/null || { log "npm not found; install it with Node.js"; exit 1; }

# installed_version PACKAGE prints the version of WORK/node_modules/PACKAGE,
# or nothing when it is missing.
installed_version() {
  node -e 'try { console.log(require(process.argv[1]).version) } catch {}' "$work/node_modules/$1/package.json"
}

# recorded_override prints the onnxruntime-node override recorded in
# WORK/package.json, or nothing.
recorded_override() {
  node -e 'try { console.log(require(process.argv[1]).overrides?.["onnxruntime-node"] ?? "") } catch {}' "$work/package.json"
}

install() {
  mkdir -p "$work"
  if [ "$(installed_version kokoro-js)" = "$kjs_version" ] && [ "$(recorded_override)" = "$ort_override" ] &&
    { [ -z "$ort_override" ] || [ "$(installed_version onnxruntime-node)" = "$ort_override" ]; }; then
    return 0
  fi
  log "installing kokoro-js@$kjs_version${ort_override:+ with onnxruntime-node@$ort_override} in $work"
  rm -rf "$work/node_modules" "$work/package-lock.json"
  (cd "$work" && npm init -y >/dev/null)
  node -e '
    const fs = require("fs");
    const [file, ort] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    delete pkg.overrides;
    if (ort) pkg.overrides = { "onnxruntime-node": ort };
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$work/package.json" "$ort_override"
  (cd "$work" && npm install --save-exact --ignore-scripts --no-audit --no-fund --silent "kokoro-js@$kjs_version")
}

install
for pkg in kokoro-js @huggingface/transformers onnxruntime-node phonemizer; do
  log "$pkg $(installed_version "$pkg")"
done

if [ $# -eq 0 ]; then
  printf '%s\n' "$work"
  exit 0
fi
src=$(cd "$1" && pwd)
name=${2:-$(basename "$src")}

# kokoro-js reads voice packs from its own voices/ folder, not the model
# folder. The comparison is only fair when the pack ttsbench reads is the
# same file.
if [ -f "$src/voices/af_heart.bin" ] && ! cmp -s "$src/voices/af_heart.bin" "$work/node_modules/kokoro-js/voices/af_heart.bin"; then
  log "$src/voices/af_heart.bin differs from kokoro-js's own pack; the two engines would use different voices"
  exit 1
fi
node "$here/kokorojs-layout.mjs" "$src" "$work/models/$name"
