#include <smstrack/receipts/receipt.hpp>

#include <smstrack/receipts/message_state.hpp>

#include <algorithm>
#include <charconv>

SMSTRACK_BEGIN_NAMESPACE

std::string_view receipt::stat() const noexcept {
  if (!message_state) return fields.stat();
  const auto state = to_message_state(*message_state);
  return state ? stat_of(*state) : std::string_view{};
}

namespace {

// A C-octet string's value: the TLV may include its terminating NUL.
std::string_view without_terminator(std::string_view value) noexcept {
  if (!value.empty() && value.back() == '\0') value.remove_suffix(1);
  return value;
}

// The code as an err: field writes it: decimal, at least three digits ("001").
std::uint8_t write_error_code(std::uint16_t code, std::array<char, 5>& out) noexcept {
  std::array<char, 5> digits{};
  const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), code).ptr;
  const auto size = static_cast<std::size_t>(end - digits.data());
  const std::size_t padding = size < 3 ? 3 - size : 0;
  std::fill_n(out.begin(), padding, '0');
  std::copy(digits.begin(), digits.begin() + static_cast<std::ptrdiff_t>(size), out.begin() + static_cast<std::ptrdiff_t>(padding));
  return static_cast<std::uint8_t>(padding + size);
}

}  // namespace

receipt::receipt(const receipt_text& text_fields, std::string_view counted_id, id_source from,
                 const provider_key& normalized, const std::optional<provider_key>& alternate,
                 std::optional<std::uint8_t> state, std::optional<network_error> decoded) noexcept
    : fields(text_fields),
      id(counted_id),
      id_from(from),
      key(normalized),
      alternate_key(alternate),
      message_state(state),
      network(decoded) {
  if (network) network_code_size_ = write_error_code(network->code, network_code_);
}

namespace {

// The id that counts and its key: the TLV's by its normalization, or the text's when the TLV's
// cannot be read that way but denotes the same number; with the text id's key as an alternate
// when both read and differ (see receipt.hpp).
struct counted_id {
  std::string_view id;
  id_source from = id_source::text;
  provider_key key;
  std::optional<provider_key> alternate;
};

// Normalizations under which a decimal and a hex writing of one number give different keys.
bool keeps_writing(id_normalization how) noexcept {
  return how == id_normalization::as_is || how == id_normalization::decimal;
}

result<counted_id> count_id(std::string_view text_id, std::string_view tlv_id, const receipt_id_rules& ids) {
  if (tlv_id.empty()) {
    if (text_id.empty()) return error{errc::invalid_receipt, "the receipt has no id (neither receipted_message_id nor id:)"};
    auto key = normalize_provider_id(text_id, ids.text);
    if (!key) return key.error();
    return counted_id{text_id, id_source::text, *key, std::nullopt};
  }
  const bool same_number = !text_id.empty() && ids_denote_same_number(tlv_id, text_id);
  auto key = normalize_provider_id(tlv_id, ids.tlv.value_or(ids.text));
  std::optional<provider_key> text_key;
  if (same_number && keeps_writing(ids.text)) {
    if (auto normalized = normalize_provider_id(text_id, ids.text)) text_key = *normalized;
  }
  if (!key) {
    if (!text_key) return key.error();
    return counted_id{text_id, id_source::text, *text_key, std::nullopt};
  }
  if (text_key && *text_key == *key) text_key.reset();
  return counted_id{tlv_id, id_source::tlv, *key, text_key};
}

}  // namespace

result<receipt> parse_receipt(std::string_view text, const receipt_tlvs& tlvs, const receipt_id_rules& ids,
                              std::size_t max_size) {
  auto fields = scan_receipt_text(text, max_size);
  if (!fields) return fields.error();
  const std::string_view tlv_id = without_terminator(tlvs.receipted_message_id.value_or(std::string_view{}));
  auto counted = count_id(fields->id, tlv_id, ids);
  if (!counted) return counted.error();
  if (!tlvs.message_state && fields->stat().empty()) {
    return error{errc::invalid_receipt, "the receipt has no status (neither message_state nor stat:)"};
  }
  std::optional<std::uint8_t> state = tlvs.message_state;
  if (!state) {
    if (const auto named = message_state_of_stat(fields->stat())) state = static_cast<std::uint8_t>(*named);
  }
  const auto network = tlvs.network_error_code ? decode_network_error(*tlvs.network_error_code) : std::nullopt;
  return receipt(*fields, counted->id, counted->from, counted->key, counted->alternate, state, network);
}

SMSTRACK_END_NAMESPACE
