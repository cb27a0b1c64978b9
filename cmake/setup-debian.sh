#!/bin/sh
# Installs the Debian 12 packages smstrack needs to build, test and benchmark (the PostgreSQL
# server is only started by the tests, in a throwaway cluster of their own).
# Does nothing when every package is already present. Run as root (or with sudo).
set -eu
packages="libboost1.81-dev libboost-json1.81-dev librange-v3-dev googletest libgtest-dev libbenchmark-dev cmake ninja-build g++ clang libclang-rt-14-dev binutils libsqlite3-dev libpq-dev postgresql libphonenumber-dev libsodium-dev"
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
# libphonenumber-dev depends on Debian's default Boost.Thread (1.74), which conflicts with the
# Boost 1.81 smstrack needs. A stand-in package named libboost-thread-dev that depends on
# Boost.Thread 1.81 satisfies that dependency; libphonenumber's headers do not use Boost.
shim=""
case "$missing" in *libphonenumber-dev*)
  if ! dpkg-query -W -f='${Status}' libboost-thread-dev 2>/dev/null | grep -q "install ok installed"; then
    shim_dir=$(mktemp -d)
    mkdir -p "$shim_dir/pkg/DEBIAN"
    cat > "$shim_dir/pkg/DEBIAN/control" <<'CONTROL'
Package: libboost-thread-dev
Version: 1.81.0.0+smstrack1
Architecture: all
Maintainer: smstrack <noreply@example.invalid>
Depends: libboost-thread1.81-dev
Description: stand-in for Debian's default Boost.Thread, satisfied by Boost 1.81
 Lets libphonenumber-dev install beside Boost 1.81 on Debian 12.
CONTROL
    dpkg-deb --build "$shim_dir/pkg" "$shim_dir/libboost-thread-dev-shim.deb" >/dev/null
    shim="$shim_dir/libboost-thread-dev-shim.deb"
  fi
esac
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $shim $missing
