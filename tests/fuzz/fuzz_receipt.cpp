// Receipt parsing, with and without TLVs, under every id normalization: the views of a parsed
// receipt lie inside its inputs, its key is its id normalized by the rule of the id's source, a
// TLV state wins, trailing NULs change nothing, and every refusal is invalid_receipt with a reason.
#include <smstrack/receipts/receipt.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdint>
#include <string>

namespace {

using namespace smstrack;
using fuzz::inside;

id_normalization any_normalization(FuzzedDataProvider& in) {
  return static_cast<id_normalization>(in.ConsumeIntegralInRange<int>(0, 3));
}

void check_date(const std::optional<receipt_date>& date) {
  if (!date) return;
  FUZZ_CHECK(date->month >= 1 && date->month <= 12 && date->day >= 1 && date->day <= 31);
  FUZZ_CHECK(date->hour < 24 && date->minute < 60 && date->second < 60);
}

void check_fields(const receipt_text& fields, std::string_view text) {
  FUZZ_CHECK(inside(fields.id, text));
  FUZZ_CHECK(!fields.err || (!fields.err->empty() && inside(*fields.err, text)));
  FUZZ_CHECK(!fields.text || inside(*fields.text, text));
  FUZZ_CHECK(fields.stat().size() <= receipt_text::max_stat_size);
  for (const char c : fields.stat()) FUZZ_CHECK(!(c >= 'a' && c <= 'z'));
  check_date(fields.submit_date());
  check_date(fields.done_date());
}

void check_receipt(const receipt& r, std::string_view text, std::string_view tlv_id, const receipt_tlvs& tlvs,
                   const receipt_id_rules& rules) {
  check_fields(r.fields, text);
  FUZZ_CHECK(!r.id.empty() && !r.key.empty());
  FUZZ_CHECK(r.id_from == id_source::tlv ? inside(r.id, tlv_id) : inside(r.id, text));
  const id_normalization rule = r.id_from == id_source::tlv ? rules.tlv.value_or(rules.text) : rules.text;
  const auto key = normalize_provider_id(r.id, rule);
  FUZZ_CHECK(key && *key == r.key);
  if (r.alternate_key) {
    FUZZ_CHECK(r.id_from == id_source::tlv && *r.alternate_key != r.key);
    FUZZ_CHECK(ids_denote_same_number(r.id, r.fields.id));
  }
  if (tlvs.message_state) FUZZ_CHECK(r.message_state == tlvs.message_state);
  FUZZ_CHECK(!r.stat().empty() || (r.message_state && *r.message_state > 9));
  if (r.network) {
    FUZZ_CHECK(r.error_code().size() >= 3 && r.error_code().size() <= 5);
    for (const char c : r.error_code()) FUZZ_CHECK(c >= '0' && c <= '9');
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  receipt_id_rules rules(any_normalization(in), std::nullopt);
  if (in.ConsumeBool()) rules.tlv = any_normalization(in);
  std::string tlv_id;
  std::string network_code;
  receipt_tlvs tlvs;
  if (in.ConsumeBool()) {
    tlv_id = in.ConsumeRandomLengthString(80);
    tlvs.receipted_message_id = tlv_id;
  }
  if (in.ConsumeBool()) tlvs.message_state = in.ConsumeIntegral<std::uint8_t>();
  if (in.ConsumeBool()) {
    network_code = in.ConsumeBytesAsString(in.ConsumeIntegralInRange<std::size_t>(0, 4));
    tlvs.network_error_code = network_code;
  }
  const std::string text = in.ConsumeRemainingBytesAsString();

  const auto scanned = scan_receipt_text(text);
  if (scanned) check_fields(*scanned, text);
  const auto strict = parse_receipt_text(text);
  FUZZ_CHECK(!strict || (scanned && !strict->id.empty() && !strict->stat().empty()));

  const auto parsed = parse_receipt(text, tlvs, rules);
  if (!parsed) {
    FUZZ_CHECK(parsed.error() == errc::invalid_receipt && !parsed.error().detail().empty());
    return 0;
  }
  std::string_view counted_tlv_id = tlv_id;
  if (!counted_tlv_id.empty() && counted_tlv_id.back() == '\0') counted_tlv_id.remove_suffix(1);
  check_receipt(*parsed, text, counted_tlv_id, tlvs, rules);

  // A C-string terminator more changes nothing.
  const std::string terminated = text + '\0';
  const auto again = parse_receipt(terminated, tlvs, rules);
  FUZZ_CHECK(again && again->key == parsed->key && again->stat() == parsed->stat());
  FUZZ_CHECK(again->fields.id == parsed->fields.id && again->fields.text == parsed->fields.text);
  return 0;
}
