// What every fuzz target shares: an invariant check that stops the run with a message (libFuzzer
// then saves the input that broke it), and the question whether a view lies inside a buffer.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>

namespace smstrack::fuzz {

[[noreturn]] inline void broken(const char* invariant, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, invariant);
  std::abort();
}

/// Whether `part` lies inside `whole` (an empty view anywhere counts as inside).
inline bool inside(std::string_view part, std::string_view whole) {
  if (part.empty()) return true;
  const std::less_equal<const char*> not_after;
  return not_after(whole.data(), part.data()) && not_after(part.data() + part.size(), whole.data() + whole.size());
}

}  // namespace smstrack::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? void() : ::smstrack::fuzz::broken(#condition, __FILE__, __LINE__))
