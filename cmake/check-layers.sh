#!/bin/sh
# The layer rule, executable: a public header may include smstrack headers of its own layer or of
# a lower one, never of a higher one. Layers, lowest first (README "Code map"):
#   0 config.hpp, error.hpp       1 model                 2 text, receipts
#   3 policy, content, tracking, replies, targeting       4 ports
#   5 engine                      6 views, store          7 adapters, conformance, smstrack.hpp
# Exits 1 and names every offending include. Usage: check-layers.sh path/to/include/smstrack
set -eu
root="${1:-include/smstrack}"
[ -d "$root" ] || { echo "check-layers: no such folder: $root" >&2; exit 2; }

layer_of() {
  case "$1" in
    config.hpp|error.hpp) echo 0 ;;
    model/*) echo 1 ;;
    text/*|receipts/*) echo 2 ;;
    policy/*|content/*|tracking/*|replies/*|targeting/*) echo 3 ;;
    ports/*) echo 4 ;;
    engine/*) echo 5 ;;
    views/*|store/*) echo 6 ;;
    adapters/*|conformance/*|detail/*|smstrack.hpp) echo 7 ;;
    *) echo unknown ;;
  esac
}

status=0
for header in $(cd "$root" && find . -name '*.hpp' | sed 's|^\./||' | sort); do
  own=$(layer_of "$header")
  if [ "$own" = unknown ]; then
    echo "check-layers: $header is in no layer: add its folder to cmake/check-layers.sh"
    status=1
    continue
  fi
  for included in $(sed -n 's|^[[:space:]]*#[[:space:]]*include[[:space:]]*<smstrack/\([^>]*\)>.*|\1|p' "$root/$header"); do
    theirs=$(layer_of "$included")
    if [ "$theirs" = unknown ] || [ "$theirs" -gt "$own" ]; then
      echo "check-layers: $header (layer $own) includes $included (layer $theirs)"
      status=1
    fi
  done
done
[ "$status" -eq 0 ] && echo "check-layers: every header includes only its own layer or lower ones"
exit "$status"
