// A carrier receipt as smstrack uses it: the text fields (receipt_text.hpp) merged with the TLVs
// (receipt_tlvs.hpp) by the precedence of SPEC §6.3, and the message id normalized for the
// connector (provider_key.hpp).
//
// - TLVs win over the text: receipted_message_id over id:, message_state over stat:.
// - A receipt may carry TLVs only: the text is then optional.
// - When a message_state TLV is present, the stat is its state's canonical word (DELIVRD,
//   UNDELIV, ...), or none for a value outside 0..9, which is kept raw in `message_state`.
// - An id (TLV or text) is required, and so is a status (a message_state TLV or a stat:).
//
// Parsing allocates nothing; the views point into the inputs, which must outlive the receipt.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/receipts/provider_key.hpp>
#include <smstrack/receipts/receipt_text.hpp>
#include <smstrack/receipts/receipt_tlvs.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

enum class id_source : std::uint8_t { tlv, text };
BOOST_DESCRIBE_ENUM(id_source, tlv, text)

class receipt {
 public:
  receipt() = default;

  receipt_text fields;  ///< the text's fields as written (id and stat may be empty)
  std::string_view id;  ///< the id that counts: the TLV's when present, else the text's
  id_source id_from = id_source::text;
  provider_key key;     ///< `id`, normalized for the connector
  std::optional<std::uint8_t> message_state;  ///< the TLV's raw value
  std::optional<network_error> network;       ///< the decoded network_error_code TLV

  /// The stat that counts (see above); empty when a TLV state is out of range.
  [[nodiscard]] std::string_view stat() const noexcept;
  /// The error code that names the failure: the network error code in decimal, at least three
  /// digits ("001"), when the TLV decoded, else the text's err; empty when neither.
  [[nodiscard]] std::string_view error_code() const noexcept {
    return network ? std::string_view{network_code_.data(), network_code_size_} : fields.err.value_or(std::string_view{});
  }

 private:
  friend result<receipt> parse_receipt(std::string_view, const receipt_tlvs&, id_normalization, std::size_t);
  // Every member set once: a default-initialized receipt would first be cleared whole.
  receipt(const receipt_text& text_fields, std::string_view counted_id, id_source from, const provider_key& normalized,
          std::optional<std::uint8_t> state, std::optional<network_error> decoded) noexcept;

  std::array<char, 5> network_code_{};  // up to "65535"
  std::uint8_t network_code_size_ = 0;
};

/// Parses a receipt. Errors: invalid_receipt, saying what is wrong: the text's own errors
/// (size bound, NUL byte, stat length), "the receipt has no id (neither receipted_message_id
/// nor id:)", "the receipt has no status (neither message_state nor stat:)", an id the
/// normalization refuses.
[[nodiscard]] result<receipt> parse_receipt(std::string_view text, const receipt_tlvs& tlvs,
                                            id_normalization ids = id_normalization::as_is,
                                            std::size_t max_size = default_max_receipt_size);

SMSTRACK_END_NAMESPACE
