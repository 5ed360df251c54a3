#!/usr/bin/env bash
# Installs what ttsbench needs on a Debian machine and caches the rest per user.
# Idempotent: every step checks its result first and does nothing when it is in place.
#
#   apt:  espeak-ng, libespeak-ng-dev, pkg-config, ffmpeg (skipped when installed)
#   npm:  onnxruntime-node@1.30.0 -> libonnxruntime.so.1 (sha256 checked)
#         kokoro-js@1.2.1         -> voices/*.bin        (sha256 checked)
#
# Everything downloaded lands in ${XDG_CACHE_HOME:-~/.cache}/ttsbench.
set -euo pipefail

cache="${XDG_CACHE_HOME:-$HOME/.cache}/ttsbench"
ort_version=1.30.0
ort_tgz_sha256=6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75
ort_lib_sha256=ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23
kjs_version=1.2.1
kjs_tgz_sha256=1f0d0383ef0349af0bd9440d81dc12abbea3a5392eb645283eda876f537f5860

log() { printf 'setup: %s\n' "$*" >&2; }

install_apt() {
  local missing=()
  for pkg in espeak-ng libespeak-ng-dev pkg-config ffmpeg; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${missing[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# fetch_npm NAME VERSION SHA256 prints the path of the verified package tarball.
fetch_npm() {
  local name=$1 version=$2 sum=$3
  local dir="$cache/downloads"
  local tgz="$dir/$name-$version.tgz"
  mkdir -p "$dir"
  if [ ! -f "$tgz" ] || ! echo "$sum  $tgz" | sha256sum -c --quiet - 2>/dev/null; then
    log "fetching $name@$version from the npm registry"
    local tmp
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
    mv "$tmp/$name-$version.tgz" "$tgz.part"
    rm -rf "$tmp"
    if ! echo "$sum  $tgz.part" | sha256sum -c --quiet -; then
      rm -f "$tgz.part"
      log "checksum mismatch for $name@$version: expected sha256 $sum"
      exit 1
    fi
    mv "$tgz.part" "$tgz"
  fi
  printf '%s\n' "$tgz"
}

install_ort() {
  local dest="$cache/onnxruntime/$ort_version"
  local lib="$dest/libonnxruntime.so.1"
  if [ -f "$lib" ] && echo "$ort_lib_sha256  $lib" | sha256sum -c --quiet - 2>/dev/null; then
    return 0
  fi
  local tgz
  tgz=$(fetch_npm onnxruntime-node "$ort_version" "$ort_tgz_sha256")
  local tmp
  tmp=$(mktemp -d)
  tar -xzf "$tgz" -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  echo "$ort_lib_sha256  $tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" | sha256sum -c --quiet -
  mkdir -p "$dest"
  mv "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$lib"
  rm -rf "$tmp"
  log "ONNX Runtime $ort_version in $lib"
}

install_voices() {
  local dest="$cache/voices/kokoro-js-$kjs_version"
  if [ -f "$dest/.complete" ]; then
    return 0
  fi
  local tgz
  tgz=$(fetch_npm kokoro-js "$kjs_version" "$kjs_tgz_sha256")
  local tmp
  tmp=$(mktemp -d)
  tar -xzf "$tgz" -C "$tmp" package/voices
  mkdir -p "$dest"
  mv "$tmp"/package/voices/*.bin "$dest/"
  rm -rf "$tmp"
  touch "$dest/.complete"
  log "$(ls "$dest"/*.bin | wc -l) voice packs in $dest"
}

install_apt
install_ort
install_voices
