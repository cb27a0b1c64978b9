// Storage port for the qualification table (SPEC §6.6), keyed by the entry's key text.
//
// Contract for implementers:
// - upsert inserts or replaces entries by key (operator requalification); atomic, idempotent.
//   An empty key is invalid_argument and nothing is written.
// - record counts occurrences atomically: for each item, if the key is absent the provision is
//   stored with occurrences = min(count, cap); otherwise occurrences = min(stored + count, cap)
//   and last_modified takes the provision's, the rest of the stored entry unchanged. out[i]
//   receives the entry as stored after the item. Items apply in order. Concurrent calls for the
//   same key never lose a count.
// - get fills out[i] with the entry for keys[i], or nothing; page is ascending by key.
// - Safe to call from several threads at once.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/qualification.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

class qualification_store {
 public:
  qualification_store() = default;
  qualification_store(const qualification_store&) = delete;
  qualification_store& operator=(const qualification_store&) = delete;
  virtual ~qualification_store() = default;
  [[nodiscard]] virtual result<void> upsert(std::span<const qualification_entry> entries) = 0;
  /// out.size() must equal items.size().
  [[nodiscard]] virtual result<void> record(std::span<const qualification_occurrence> items,
                                            std::uint32_t cap, std::span<qualification_entry> out) = 0;
  /// out.size() must equal keys.size().
  [[nodiscard]] virtual result<void> get(std::span<const std::string_view> keys,
                                         std::span<std::optional<qualification_entry>> out) = 0;
  [[nodiscard]] virtual result<std::vector<qualification_entry>> page(std::string_view after,
                                                                      std::size_t limit) = 0;
};

SMSTRACK_END_NAMESPACE
