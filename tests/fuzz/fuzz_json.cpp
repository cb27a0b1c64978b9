// The strict JSON codec, for every record it reads: what parses writes back as JSON that parses
// to an equal value and writes identically (what the codec writes reads back bit-identical), and
// every refusal is a precise error, never an exception. The first byte picks the record.
#include <smstrack/smstrack.hpp>

#include "fuzz_check.hpp"

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

namespace {

using namespace smstrack;

using records = std::tuple<delivery, delivery_settings, delivery_draft, delivery_log, exclusion_log, quarantine_entry,
                           qualification_entry, tracked_url, click, audit_event, recipient, indicators,
                           throughput_series, analysis_report, reply_record, click_outcome, reply_outcome,
                           numbering_plan, price_list, route_report>;

template <class T>
void check_round_trip(std::string_view text) {
  const auto parsed = parse_json<T>(text);
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().detail().empty());
    return;
  }
  const std::string written = to_json_text(*parsed);
  const auto again = parse_json<T>(written);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(to_json_text(*again) == written);
  if constexpr (std::equality_comparable<T>) FUZZ_CHECK(*again == *parsed);
}

template <std::size_t... I>
void check_record(std::size_t which, std::string_view text, std::index_sequence<I...>) {
  ((which == I ? check_round_trip<std::tuple_element_t<I, records>>(text) : void()), ...);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  constexpr std::size_t count = std::tuple_size_v<records>;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  check_record(data[0] % count, text, std::make_index_sequence<count>{});
  if (const auto value = parse_json_value(text)) {
    FUZZ_CHECK(parse_json_value(boost::json::serialize(*value)).value() == *value);
  }
  return 0;
}
