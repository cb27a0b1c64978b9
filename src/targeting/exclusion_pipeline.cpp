#include "exclusion_pipeline.hpp"

#include <smstrack/model/json.hpp>
#include <smstrack/model/quarantine.hpp>

#include <boost/unordered/unordered_flat_set.hpp>
#include <range/v3/action/remove_if.hpp>
#include <range/v3/view/chunk.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <utility>

SMSTRACK_BEGIN_NAMESPACE
namespace targeting_detail {
namespace {

// The number of each rule the analysis loaded; 0 for a rule it does not run.
struct loaded_rules {
  rule_number address_not_specified = 0;
  rule_number invalid_phone_number = 0;
  rule_number denylisted_address = 0;
  rule_number quarantined_address = 0;
  rule_number opted_out = 0;
  rule_number bad_quality_address = 0;
  std::vector<rule_number> filters;
  rule_number deduplication = 0;
  std::vector<rule_number> pressure;
  rule_number target_size_limit = 0;
  rule_number control_group = 0;
};

loaded_rules load_rules(const pipeline_context& c, target_verdicts& v) {
  const exclusion_settings& s = c.rules.settings;
  const bool screens_quarantine = !(c.rules.proof && s.proof_keeps_excluded_addresses);
  loaded_rules r;
  r.address_not_specified = v.load(rule_names::address_not_specified, failure_reason::address_not_specified,
                                   "no phone number");
  r.invalid_phone_number = v.load(rule_names::invalid_phone_number, failure_reason::invalid_phone_number,
                                  "not a valid phone number");
  if (screens_quarantine) {
    r.denylisted_address = v.load(rule_names::denylisted_address, failure_reason::denylisted_address,
                                  "the address is denylisted");
    if (s.exclude_quarantined) {
      r.quarantined_address = v.load(rule_names::quarantined_address, failure_reason::quarantined_address,
                                     "the address is in quarantine");
    }
    if (s.exclude_opted_out) {
      r.opted_out = v.load(rule_names::opted_out, failure_reason::opted_out, "the recipient opted out");
    }
  }
  if (s.exclude_non_mobile) {
    r.bad_quality_address = v.load(rule_names::bad_quality_address, failure_reason::bad_quality_address,
                                   "not a mobile number");
  }
  for (const auto& filter : c.rules.filters) {
    r.filters.push_back(v.load(filter->name(), filter->reason(), "excluded by the filter rule"));
  }
  if (s.exclude_duplicates) {
    r.deduplication = v.load(rule_names::deduplication, failure_reason::duplicate, "address already targeted");
  }
  if (c.rules.proof) return r;
  for (const pressure_rule& rule : c.rules.pressure) {
    r.pressure.push_back(v.load(rule.name, failure_reason::excluded_by_arbitration, "too many messages"));
  }
  if (s.limit_delivery_size != 0) {
    r.target_size_limit = v.load(rule_names::target_size_limit, failure_reason::target_size_limit,
                                 "beyond the target size limit of " + std::to_string(s.limit_delivery_size));
  }
  if (c.rules.control.size != 0 || c.rules.control.percent != 0) {
    r.control_group = v.load(rule_names::control_group, failure_reason::control_address,
                             "member of the control group");
  }
  return r;
}

// The rows a rule looks at: kept so far and not seeds (seeds are never excluded). Each stage
// leaves excluded rows behind; `prune` drops them before the next.
using row_list = std::vector<std::uint32_t>;
constexpr std::uint32_t no_row = ~std::uint32_t{0};

void prune(row_list& rows, const target_verdicts& v) {
  rows |= ranges::actions::remove_if([&](std::uint32_t row) { return !v.kept(row); });
}

bool blank(std::string_view text) noexcept { return text.find_first_not_of(" \t") == std::string_view::npos; }

// Address not specified, and addresses that do not normalize to E.164 (seeds too: they need
// an address to be sent to).
// Returns the rows later rules look at.
row_list normalize_addresses(const pipeline_context& c, target_verdicts& v, const loaded_rules& r) {
  const address_normalizer normalizer = address_normalizer::make(c.rules.numbering).value();
  row_list rows;
  rows.reserve(c.target.size());
  for (std::uint32_t row = 0; row < c.target.size(); ++row) {
    const std::string_view address = c.target[row].address;
    if (blank(address)) {
      v.exclude(row, r.address_not_specified);
      continue;
    }
    auto number = normalizer.normalize(address);
    if (!number) {
      v.exclude(row, r.invalid_phone_number, number.error().detail());
      continue;
    }
    v.numbers[row] = *number;
    if (!c.target[row].seed) rows.push_back(row);
  }
  return rows;
}

struct unsuitable_number {
  std::uint32_t row = 0;
  number_type type = number_type::unknown;
};

// The validator's verdicts: invalid numbers are excluded now; numbers that cannot take an SMS
// are returned, for the bad-quality rule that comes after the quarantine's.
// Without a validator every number is valid and of unknown type: nothing to do. A validator
// that throws breaks its contract: the analysis fails with invalid_argument.
result<std::vector<unsuitable_number>> check_numbers(const pipeline_context& c, target_verdicts& v,
                                                     const loaded_rules& r, const row_list& rows) {
  std::vector<unsuitable_number> unsuitable;
  if (!c.rules.validator) return unsuitable;
  const address_validator& validator = *c.rules.validator;
  std::vector<phone_number> numbers;
  std::vector<address_verdict> verdicts;
  for (const auto chunk : rows | ranges::views::chunk(c.batch)) {
    numbers.clear();
    for (const std::uint32_t row : chunk) numbers.push_back(v.numbers[row]);
    verdicts.assign(numbers.size(), address_verdict{});
    try {
      validator.check(numbers, verdicts);
    } catch (const std::exception& e) {
      return error{errc::invalid_argument, std::string("the address validator threw: ") + e.what()};
    } catch (...) {
      return error{errc::invalid_argument, "the address validator threw"};
    }
    std::size_t i = 0;
    for (const std::uint32_t row : chunk) {
      const address_verdict verdict = verdicts[i++];
      if (!verdict.valid) v.exclude(row, r.invalid_phone_number, "not a valid number for its region");
      else if (!may_receive_sms(verdict.type)) unsuitable.push_back({row, verdict.type});
    }
  }
  return unsuitable;
}

// Which quarantine rule an address's entries call for, in the rules' order; 0 for none.
rule_number quarantine_rule(const loaded_rules& r, const std::optional<quarantine_entry>& any_code,
                            const std::optional<quarantine_entry>& this_code) {
  const auto status = [](const std::optional<quarantine_entry>& e) {
    return e ? e->status : quarantine_status::unknown;
  };
  const auto opted_out = [](const std::optional<quarantine_entry>& e, bool per_code) {
    return e && e->status == quarantine_status::denylisted &&
           (per_code || e->last_error_reason == failure_reason::opted_out);
  };
  const bool any_opted_out = opted_out(any_code, false);
  if (status(any_code) == quarantine_status::denylisted && !any_opted_out && r.denylisted_address != 0) {
    return r.denylisted_address;
  }
  if (status(any_code) == quarantine_status::quarantine && r.quarantined_address != 0) return r.quarantined_address;
  if (any_opted_out || opted_out(this_code, true)) return r.opted_out;
  return 0;
}

// Denylisted, quarantined and opted-out addresses: their entries for every short code and for
// the delivery's short code.
result<void> screen_quarantine(const pipeline_context& c, target_verdicts& v, const loaded_rules& r,
                               const row_list& rows) {
  if (r.denylisted_address == 0) return {};
  const std::string& short_code = c.record.settings.short_code;
  const std::size_t keys_per_row = short_code.empty() ? 1 : 2;
  std::vector<quarantine_key> keys;
  std::vector<std::optional<quarantine_entry>> entries;
  for (const auto chunk : rows | ranges::views::chunk(c.batch)) {
    keys.clear();
    for (const std::uint32_t row : chunk) {
      keys.push_back({v.numbers[row], {}});
      if (keys_per_row == 2) keys.push_back({v.numbers[row], short_code});
    }
    entries.assign(keys.size(), std::nullopt);
    if (auto read = c.facts.quarantine(keys, entries); !read) return read;
    std::size_t i = 0;
    for (const std::uint32_t row : chunk) {
      static const std::optional<quarantine_entry> none;
      const auto& this_code = keys_per_row == 2 ? entries[i + 1] : none;
      if (const rule_number rule = quarantine_rule(r, entries[i], this_code); rule != 0) v.exclude(row, rule);
      i += keys_per_row;
    }
  }
  return {};
}

void exclude_unsuitable(target_verdicts& v, const loaded_rules& r, std::span<const unsuitable_number> unsuitable) {
  if (r.bad_quality_address == 0) return;
  for (const unsuitable_number& number : unsuitable) {
    if (!v.kept(number.row)) continue;
    v.exclude(number.row, r.bad_quality_address,
              "not a mobile number (" + std::string(detail::enum_name(number.type)) + ")");
  }
}

result<void> apply_filters(const pipeline_context& c, target_verdicts& v, const loaded_rules& r, row_list& rows) {
  for (std::size_t f = 0; f < c.rules.filters.size(); ++f) {
    const filter_rule& filter = *c.rules.filters[f];
    prune(rows, v);
    for (const std::uint32_t row : rows) {
      bool excluded = false;
      try {
        excluded = filter.excludes(c.target[row], v.numbers[row]);
      } catch (const std::exception& e) {
        return error{errc::invalid_argument, "filter rule '" + std::string(filter.name()) + "' threw: " + e.what()};
      } catch (...) {
        return error{errc::invalid_argument, "filter rule '" + std::string(filter.name()) + "' threw"};
      }
      if (excluded) v.exclude(row, r.filters[f]);
    }
  }
  return {};
}

// One row per normalized address (per address and recipient when distinct recipients may
// share a number). The row kept is the one with the smallest (recipient key, address text),
// so the choice does not depend on the target's order.
// Two passes: a set of the keys seen finds the keys that repeat (a few percent); the second
// pass picks, among the rows of each repeated key only, the one to keep.
template <class Key, class KeyOf>
void exclude_duplicates(const pipeline_context& c, target_verdicts& v, rule_number rule, const row_list& rows,
                        KeyOf key_of) {
  boost::unordered_flat_map<Key, std::uint32_t> keeper;  // repeated key -> the row kept so far
  {
    boost::unordered_flat_set<Key> seen;
    seen.reserve(rows.size());
    for (const std::uint32_t row : rows) {
      if (!seen.insert(key_of(row)).second) keeper.try_emplace(key_of(row), no_row);
    }
  }
  if (keeper.empty()) return;
  const auto precedes = [&](std::uint32_t a, std::uint32_t b) {
    const recipient& x = c.target[a];
    const recipient& y = c.target[b];
    return std::tie(x.key, x.address) < std::tie(y.key, y.address);
  };
  for (const std::uint32_t row : rows) {
    const auto slot = keeper.find(key_of(row));
    if (slot == keeper.end()) continue;
    if (slot->second == no_row) {
      slot->second = row;
      continue;
    }
    std::uint32_t duplicate = row;
    if (precedes(row, slot->second)) std::swap(duplicate, slot->second);
    v.exclude(duplicate, rule);
  }
}

void deduplicate(const pipeline_context& c, target_verdicts& v, const loaded_rules& r, const row_list& rows) {
  if (r.deduplication == 0) return;
  if (c.rules.settings.keep_duplicates_of_distinct_recipients) {
    exclude_duplicates<std::pair<std::uint64_t, recipient_key>>(c, v, r.deduplication, rows, [&](std::uint32_t row) {
      return std::pair(v.numbers[row].digits(), c.target[row].key);
    });
  } else {
    exclude_duplicates<std::uint64_t>(c, v, r.deduplication, rows,
                                      [&](std::uint32_t row) { return v.numbers[row].digits(); });
  }
}

// Logs of earlier deliveries that count as messages to an address: planned or sent.
const std::vector<log_status>& message_statuses() {
  static const std::vector<log_status> statuses = {log_status::pending, log_status::sent_to_provider,
                                                   log_status::taken_into_account, log_status::received_on_mobile};
  return statuses;
}

// Addresses per history query: the buffers stay a few megabytes whatever the target's size,
// and a store that scans its logs per query (the in-memory one) scans them a few times only.
constexpr std::size_t pressure_chunk = std::size_t{1} << 18;

// Pressure: an address that already has max_messages messages within the period (earlier
// deliveries' logs, and this delivery's rows kept before it when duplicates stay) is excluded.
result<void> apply_pressure(const pipeline_context& c, target_verdicts& v, const loaded_rules& r, row_list& rows) {
  const bool unique_addresses = r.deduplication != 0 && !c.rules.settings.keep_duplicates_of_distinct_recipients;
  std::vector<phone_number> numbers;
  std::vector<address_history> history;
  for (std::size_t p = 0; p < c.rules.pressure.size(); ++p) {
    const pressure_rule& rule = c.rules.pressure[p];
    const history_query query{c.now - rule.period, c.record.id, message_statuses()};
    boost::unordered_flat_map<std::uint64_t, std::uint32_t> kept_here;
    prune(rows, v);
    for (const auto chunk : rows | ranges::views::chunk(pressure_chunk)) {
      numbers.clear();
      for (const std::uint32_t row : chunk) numbers.push_back(v.numbers[row]);
      history.resize(numbers.size());
      if (auto read = c.facts.history(numbers, query, history); !read) return read;
      std::size_t i = 0;
      for (const std::uint32_t row : chunk) {
        std::uint32_t* here = unique_addresses ? nullptr : &kept_here[numbers[i].digits()];
        const std::uint64_t messages = history[i++].messages + (here != nullptr ? *here : 0);
        if (messages < rule.max_messages) {
          if (here != nullptr) ++*here;
          continue;
        }
        v.exclude(row, r.pressure[p],
                  std::to_string(messages) + " message(s) within " + format_duration(rule.period) + ", at most " +
                      std::to_string(rule.max_messages));
      }
    }
  }
  return {};
}

constexpr std::uint64_t mix(std::uint64_t x) noexcept {  // splitmix64's finalizer
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

using ranked_row = std::pair<std::uint64_t, std::uint32_t>;  // (rank, row): ties go by row

// The `count` rows of largest rank (or smallest), through a heap of `count` entries.
std::vector<ranked_row> extreme_rows(const row_list& rows, std::size_t count, bool largest, auto rank_of) {
  std::vector<ranked_row> heap;
  heap.reserve(count);
  // `beats(a, b)`: a belongs among the rows sought rather than b. As the heap's order it puts
  // the weakest row found so far on top, the one a better candidate replaces.
  const auto beats = [largest](const ranked_row& a, const ranked_row& b) { return largest ? a > b : a < b; };
  for (const std::uint32_t row : rows) {
    const ranked_row candidate{rank_of(row), row};
    if (heap.size() < count) {
      heap.push_back(candidate);
      std::push_heap(heap.begin(), heap.end(), beats);
    } else if (count != 0 && beats(candidate, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), beats);
      heap.back() = candidate;
      std::push_heap(heap.begin(), heap.end(), beats);
    }
  }
  return heap;
}

}  // namespace

std::uint64_t recipient_rank(const phone_number& address, recipient_key key, std::uint64_t seed,
                             std::uint64_t salt) noexcept {
  return mix(mix(address.digits() ^ mix(seed ^ mix(salt))) ^ key);
}

namespace {

// Keeps `keep` of the candidate rows, those of smallest seeded rank, and excludes the rest by
// `rule`. The rank depends on the address and recipient key only, not on the row's position.
// Only the smaller side (rows kept, or rows excluded) is held in memory.
void keep_by_rank(const pipeline_context& c, target_verdicts& v, const row_list& rows, std::uint64_t keep,
                  std::uint64_t salt, rule_number rule) {
  if (rows.size() <= keep) return;
  const auto rank_of = [&](std::uint32_t row) {
    return recipient_rank(v.numbers[row], c.target[row].key, c.rules.seed, salt);
  };
  const std::size_t excluded = rows.size() - keep;
  if (excluded <= keep) {
    for (const ranked_row& out : extreme_rows(rows, excluded, true, rank_of)) v.exclude(out.second, rule);
    return;
  }
  std::vector<bool> kept(c.target.size(), false);
  for (const ranked_row& in : extreme_rows(rows, keep, false, rank_of)) kept[in.second] = true;
  for (const std::uint32_t row : rows) {
    if (!kept[row]) v.exclude(row, rule);
  }
}

constexpr std::uint64_t capacity_salt = 0x5ca1ab1e;
constexpr std::uint64_t control_salt = 0xc0ffee;

void limit_size(const pipeline_context& c, target_verdicts& v, const loaded_rules& r, const row_list& rows) {
  if (r.target_size_limit == 0) return;
  keep_by_rank(c, v, rows, c.rules.settings.limit_delivery_size, capacity_salt, r.target_size_limit);
}

// The control group: the `size` (or `percent`) candidates of smallest rank under another salt
// are excluded, so the group is as random as the capacity's choice and independent of it.
void draw_control_group(const pipeline_context& c, target_verdicts& v, const loaded_rules& r, const row_list& rows) {
  if (r.control_group == 0) return;
  const std::uint64_t left = rows.size();
  const control_group& control = c.rules.control;
  const std::uint64_t members =
      control.size != 0 ? std::min(control.size, left)
                        : static_cast<std::uint64_t>(std::llround(control.percent * static_cast<double>(left) / 100.0));
  keep_by_rank(c, v, rows, left - members, control_salt, r.control_group);
}

}  // namespace

result<target_verdicts> decide_exclusions(const pipeline_context& c) {
  target_verdicts v(c.target.size());
  const loaded_rules r = load_rules(c, v);
  row_list rows = normalize_addresses(c, v, r);
  const auto unsuitable = check_numbers(c, v, r, rows);
  if (!unsuitable) return unsuitable.error();
  prune(rows, v);
  if (auto screened = screen_quarantine(c, v, r, rows); !screened) return screened.error();
  exclude_unsuitable(v, r, *unsuitable);
  if (auto filtered = apply_filters(c, v, r, rows); !filtered) return filtered.error();
  prune(rows, v);
  deduplicate(c, v, r, rows);
  if (auto pressured = apply_pressure(c, v, r, rows); !pressured) return pressured.error();
  prune(rows, v);
  limit_size(c, v, r, rows);
  prune(rows, v);
  draw_control_group(c, v, r, rows);
  return v;
}

}  // namespace targeting_detail
SMSTRACK_END_NAMESPACE
