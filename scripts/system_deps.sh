#!/usr/bin/env bash
# The Debian packages of system-packages.txt: `check` says which are missing in one line each
# and exits 1; `install` installs the missing ones (through sudo when not root).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-check}"
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' system-packages.txt | grep -v '^$')

if ! command -v dpkg-query >/dev/null; then
  echo "system-deps: not a Debian machine; install the equivalents of system-packages.txt by hand." >&2
  [ "$mode" = check ] && exit 0 || exit 1
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done

case "$mode" in
  check)
    if [ ${#missing[@]} -gt 0 ]; then
      echo "Missing system packages: ${missing[*]} -- run 'make system-deps' (it uses apt-get, with sudo when not root)." >&2
      exit 1
    fi
    ;;
  install)
    [ ${#missing[@]} -eq 0 ] && { echo "system-deps: all installed"; exit 0; }
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    echo "system-deps: installed ${missing[*]}"
    ;;
  *)
    echo "usage: scripts/system_deps.sh check|install" >&2
    exit 2
    ;;
esac
