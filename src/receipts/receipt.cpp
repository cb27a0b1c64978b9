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
                 const provider_key& normalized, std::optional<std::uint8_t> state,
                 std::optional<network_error> decoded) noexcept
    : fields(text_fields), id(counted_id), id_from(from), key(normalized), message_state(state), network(decoded) {
  if (network) network_code_size_ = write_error_code(network->code, network_code_);
}

result<receipt> parse_receipt(std::string_view text, const receipt_tlvs& tlvs, id_normalization ids,
                              std::size_t max_size) {
  auto fields = scan_receipt_text(text, max_size);
  if (!fields) return fields.error();
  const std::string_view tlv_id = without_terminator(tlvs.receipted_message_id.value_or(std::string_view{}));
  const id_source from = tlv_id.empty() ? id_source::text : id_source::tlv;
  const std::string_view id = tlv_id.empty() ? fields->id : tlv_id;
  if (id.empty()) {
    return error{errc::invalid_receipt, "the receipt has no id (neither receipted_message_id nor id:)"};
  }
  if (!tlvs.message_state && fields->stat().empty()) {
    return error{errc::invalid_receipt, "the receipt has no status (neither message_state nor stat:)"};
  }
  auto key = normalize_provider_id(id, ids);
  if (!key) return key.error();
  const auto network = tlvs.network_error_code ? decode_network_error(*tlvs.network_error_code) : std::nullopt;
  return receipt(*fields, id, from, *key, tlvs.message_state, network);
}

SMSTRACK_END_NAMESPACE
