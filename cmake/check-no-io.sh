#!/bin/sh
# Checks that a static library references no I/O, clock, randomness or thread creation: none of
# its undefined symbols may be one of the forbidden functions below. Exits 1 and names the
# symbols when one appears. Usage: check-no-io.sh path/to/libsmstrack.a
set -eu
archive="$1"
[ -f "$archive" ] || { echo "check-no-io: no such archive: $archive" >&2; exit 2; }
forbidden='^(open|open64|openat|creat|fopen|fopen64|fdopen|freopen|read|write|pread|pwrite|readv|writev|socket|connect|bind|listen|accept|send|sendto|recv|recvfrom|printf|fprintf|vprintf|vfprintf|__printf_chk|__fprintf_chk|puts|fputs|putchar|fputc|fwrite|fread|fgets|getline|perror|time|clock_gettime|gettimeofday|clock|rand|srand|random|getrandom|getentropy|arc4random|pthread_create|std::cout|std::cerr|std::clog|std::cin|std::chrono::_V2::system_clock::now\(\)|std::chrono::_V2::steady_clock::now\(\)|std::random_device::.*|std::thread::_M_start_thread.*)$'
found=$(nm -C --undefined-only "$archive" | sed -n 's/^ *U //p' | sed 's/@.*$//' | sort -u | grep -E "$forbidden" || true)
if [ -n "$found" ]; then
  echo "check-no-io: $archive references I/O: $(echo "$found" | tr '\n' ' ')"
  exit 1
fi
echo "check-no-io: $archive references no I/O, clock, randomness or thread creation"
