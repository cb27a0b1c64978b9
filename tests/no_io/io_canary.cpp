// A deliberate offender for the no-I/O check: it prints, opens a file and reads the clock.
#include <cstdio>
#include <ctime>

int smstrack_io_canary(const char* path) {
  std::FILE* file = std::fopen(path, "r");
  std::printf("%ld\n", static_cast<long>(std::time(nullptr)));
  return file != nullptr ? 1 : 0;
}
