// A unique path in the temporary directory, removed (with SQLite's -wal and -shm companions)
// when the object goes out of scope.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <unistd.h>

namespace smstrack_test {

class temp_database {
 public:
  temp_database() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("smstrack-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".db"))
                .string();
    remove();
  }
  ~temp_database() { remove(); }
  temp_database(const temp_database&) = delete;
  temp_database& operator=(const temp_database&) = delete;
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  void remove() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_ + suffix, ignored);
  }
  std::string path_;
};

}  // namespace smstrack_test
