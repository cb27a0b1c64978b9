#!/bin/sh
# The whole test suite, as CI runs it: the release build (gcc, warnings as errors) with its
# packaging and no-I/O checks, then the AddressSanitizer + UndefinedBehaviorSanitizer build.
set -eu
cd "$(dirname "$0")/.."
cmake --workflow --preset ci-release
cmake --workflow --preset ci-asan
