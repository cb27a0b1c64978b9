#include <smstrack/ports/clock.hpp>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace smstrack {
namespace {

TEST(clock, manual_clock_shows_what_it_is_set_to) {
  manual_clock c(from_unix_ms(1000));
  EXPECT_EQ(c.now(), from_unix_ms(1000));
  c.advance(std::chrono::seconds{2});
  EXPECT_EQ(c.now(), from_unix_ms(3000));
  c.set(from_unix_ms(5));
  EXPECT_EQ(c.now(), from_unix_ms(5));
  const clock& port = c;
  EXPECT_EQ(port.now(), from_unix_ms(5));
}

TEST(clock, manual_clock_advances_atomically_across_threads) {
  manual_clock c;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) c.advance(duration{1});
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(c.now(), from_unix_ms(40000));
}

}  // namespace
}  // namespace smstrack
