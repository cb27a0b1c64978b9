#!/bin/sh
# Installs the Debian 12 packages smstrack needs to build, test and benchmark (the PostgreSQL
# server is only started by the tests, in a throwaway cluster of their own).
# Does nothing when every package is already present. Run as root (or with sudo).
set -eu
packages="libboost1.81-dev libboost-json1.81-dev librange-v3-dev googletest libgtest-dev libbenchmark-dev cmake ninja-build g++ clang binutils libsqlite3-dev libpq-dev postgresql"
missing=""
for package in $packages; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done
if [ -z "$missing" ]; then
  echo "setup: all packages present"
  exit 0
fi
echo "setup: installing$missing"
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run as root to install missing packages:$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
