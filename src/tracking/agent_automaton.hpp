// An Aho-Corasick automaton over the literal entries of the user-agent tables (internal): one pass
// over a user agent finds every entry that occurs in it, ASCII case-insensitively, whatever the
// number of entries.
#pragma once

#include "bot_patterns.hpp"

#include <smstrack/config.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace tracking_detail {

class agent_automaton {
 public:
  /// Builds the automaton of `entries` (lower-case texts); they must outlive it.
  explicit agent_automaton(std::span<const bot_literal> entries);

  /// Calls `found(index, start, end)` for each occurrence of an entry in `agent`, in order of
  /// its end, until `found` returns false.
  template <typename Found>
  void scan(std::string_view agent, Found found) const {
    std::uint32_t state = 0;
    for (std::size_t at = 0; at < agent.size(); ++at) {
      state = next_[state * symbols_ + symbol_of_[static_cast<unsigned char>(agent[at])]];
      for (std::uint32_t o = output_begin_[state]; o < output_begin_[state + 1]; ++o) {
        const std::uint32_t index = outputs_[o];
        if (!found(index, at + 1 - entries_[index].text.size(), at + 1)) return;
      }
    }
  }

  [[nodiscard]] const bot_literal& entry(std::uint32_t index) const noexcept { return entries_[index]; }

 private:
  std::span<const bot_literal> entries_;
  std::array<std::uint8_t, 256> symbol_of_{};  ///< byte -> symbol; 0 for bytes no entry holds
  std::uint32_t symbols_ = 1;
  std::vector<std::uint32_t> next_;          ///< state * symbols_ + symbol -> state
  std::vector<std::uint32_t> output_begin_;  ///< per state (and one past the last), into outputs_
  std::vector<std::uint32_t> outputs_;       ///< entry indices ending at each state
};

}  // namespace tracking_detail
SMSTRACK_END_NAMESPACE
