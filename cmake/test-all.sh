#!/bin/sh
# The whole test suite, as CI runs it: the release build (gcc, warnings as errors) with its
# packaging and no-I/O checks; the clang AddressSanitizer + UndefinedBehaviorSanitizer build of
# every test, which also builds the libFuzzer targets and runs each for 30 s; then the
# ThreadSanitizer build of the core and its unit tests (concurrent ingestion).
set -eu
cd "$(dirname "$0")/.."
cmake --workflow --preset ci-release
cmake --workflow --preset ci-asan
cmake --workflow --preset tsan
