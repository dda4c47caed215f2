#!/usr/bin/env bash
# Installs the Debian 12 packages gosem needs that this machine lacks. Safe to run again:
# it asks apt only for what is missing. Run as root or with sudo available.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config python3
  libboost-context-dev libboost-fiber-dev doctest-dev libbenchmark-dev libtbb-dev
  golang-1.19-go golang-1.19-src
  clang-14 libclang-rt-14-dev
)
if [[ "${GOSEM_SETUP_PLOTS:-0}" == 1 ]]; then packages+=(python3-matplotlib); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "setup: all packages present"
  exit 0
fi

sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq || echo "setup: apt-get update failed; trying the cached lists"
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
