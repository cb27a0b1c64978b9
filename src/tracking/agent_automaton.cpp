#include "agent_automaton.hpp"

#include "../text/ascii.hpp"

#include <deque>

SMSTRACK_BEGIN_NAMESPACE
namespace tracking_detail {

agent_automaton::agent_automaton(std::span<const bot_literal> entries) : entries_(entries) {
  // Symbols: one per distinct byte of the entries, upper-case letters sharing their lower case.
  for (const bot_literal& e : entries) {
    for (const char c : e.text) {
      const auto byte = static_cast<unsigned char>(c);
      if (symbol_of_[byte] == 0) symbol_of_[byte] = static_cast<std::uint8_t>(symbols_++);
    }
  }
  for (char c = 'A'; c <= 'Z'; ++c) {
    symbol_of_[static_cast<unsigned char>(c)] = symbol_of_[static_cast<unsigned char>(ascii::lower(c))];
  }
  // The trie: 0 in next_ means "no edge" until the failure links fill it in.
  std::vector<std::vector<std::uint32_t>> ends(1);
  next_.assign(symbols_, 0);
  for (std::uint32_t index = 0; index < entries.size(); ++index) {
    std::uint32_t state = 0;
    for (const char c : entries[index].text) {
      const std::size_t edge = state * symbols_ + symbol_of_[static_cast<unsigned char>(c)];
      if (next_[edge] == 0) {
        next_[edge] = static_cast<std::uint32_t>(ends.size());
        ends.emplace_back();
        next_.resize(next_.size() + symbols_, 0);
      }
      state = next_[edge];
    }
    ends[state].push_back(index);
  }
  // Breadth first: each state's missing edges follow its failure state's, and it reports the
  // entries its failure state reports.
  std::vector<std::uint32_t> failure(ends.size(), 0);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t s = 0; s < symbols_; ++s) {
    if (next_[s] != 0) queue.push_back(next_[s]);
  }
  while (!queue.empty()) {
    const std::uint32_t state = queue.front();
    queue.pop_front();
    const auto& inherited = ends[failure[state]];
    ends[state].insert(ends[state].end(), inherited.begin(), inherited.end());
    for (std::uint32_t s = 0; s < symbols_; ++s) {
      std::uint32_t& target = next_[state * symbols_ + s];
      const std::uint32_t fallback = next_[failure[state] * symbols_ + s];
      if (target == 0) {
        target = fallback;
      } else {
        failure[target] = fallback;
        queue.push_back(target);
      }
    }
  }
  output_begin_.reserve(ends.size() + 1);
  for (const auto& e : ends) {
    output_begin_.push_back(static_cast<std::uint32_t>(outputs_.size()));
    outputs_.insert(outputs_.end(), e.begin(), e.end());
  }
  output_begin_.push_back(static_cast<std::uint32_t>(outputs_.size()));
}

}  // namespace tracking_detail
SMSTRACK_END_NAMESPACE
