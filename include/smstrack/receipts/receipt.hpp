// A carrier receipt as smstrack uses it: the text fields (receipt_text.hpp) merged with the TLVs
// (receipt_tlvs.hpp) by the precedence of SPEC §6.3, and the message id normalized for the
// connector (provider_key.hpp).
//
// - TLVs win over the text: receipted_message_id over id:, message_state over stat:.
// - A receipt may carry TLVs only: the text is then optional.
// - When a message_state TLV is present, the stat is its state's canonical word (DELIVRD,
//   UNDELIV, ...), or none for a value outside 0..9, which is kept raw in `message_state`.
//   Without one, `message_state` is the state of a standard stat word (SPEC §6.2), if it is one.
// - An id (TLV or text) is required, and so is a status (a message_state TLV or a stat:).
// - The TLV id has its own normalization (by default the text's, which is also the acks'). When
//   it cannot read the TLV id but the text id denotes the same number, the text id counts; when
//   both read and denote the same number written differently, the text id's key is kept as
//   `alternate_key`, so that the receipt meets an ack written either way.
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
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

enum class id_source : std::uint8_t { tlv, text };
BOOST_DESCRIBE_ENUM(id_source, tlv, text)

/// How a connector's receipt ids are normalized: the text's `id:` (and the acks' ids, which
/// must meet them), and the `receipted_message_id` TLV's (nothing: the same as the text's).
struct receipt_id_rules {
  id_normalization text = id_normalization::as_is;
  std::optional<id_normalization> tlv;
  receipt_id_rules() = default;
  receipt_id_rules(id_normalization both) noexcept : text(both) {}  // NOLINT(google-explicit-constructor)
  receipt_id_rules(id_normalization text_ids, std::optional<id_normalization> tlv_ids) noexcept
      : text(text_ids), tlv(tlv_ids) {}
};

class receipt {
 public:
  receipt() = default;

  receipt_text fields;  ///< the text's fields as written (id and stat may be empty)
  std::string_view id;  ///< the id that counts: the TLV's when present, else the text's
  id_source id_from = id_source::text;
  provider_key key;     ///< `id`, normalized for the connector
  /// The text id's key, when the TLV id counts and the text id denotes the same number written
  /// the other way (TLV "1A", text "26"): an ack may carry either.
  std::optional<provider_key> alternate_key;
  std::optional<std::uint8_t> message_state;  ///< the TLV's raw value, else the stat word's state
  std::optional<network_error> network;       ///< the decoded network_error_code TLV

  /// The stat that counts (see above); empty when a TLV state is out of range.
  [[nodiscard]] std::string_view stat() const noexcept;
  /// The error code that names the failure: the network error code in decimal, at least three
  /// digits ("001"), when the TLV decoded, else the text's err; empty when neither.
  [[nodiscard]] std::string_view error_code() const noexcept {
    return network ? std::string_view{network_code_.data(), network_code_size_} : fields.err.value_or(std::string_view{});
  }

 private:
  friend result<receipt> parse_receipt(std::string_view, const receipt_tlvs&, const receipt_id_rules&, std::size_t);
  // Every member set once: a default-initialized receipt would first be cleared whole.
  receipt(const receipt_text& text_fields, std::string_view counted_id, id_source from, const provider_key& normalized,
          const std::optional<provider_key>& alternate, std::optional<std::uint8_t> state,
          std::optional<network_error> decoded) noexcept;

  std::array<char, 5> network_code_{};  // up to "65535"
  std::uint8_t network_code_size_ = 0;
};

/// Parses a receipt. Errors: invalid_receipt, saying what is wrong: the text's own errors
/// (size bound, NUL byte, stat length), "the receipt has no id (neither receipted_message_id
/// nor id:)", "the receipt has no status (neither message_state nor stat:)", an id the
/// normalization refuses (and the text id does not stand in for).
[[nodiscard]] result<receipt> parse_receipt(std::string_view text, const receipt_tlvs& tlvs,
                                            const receipt_id_rules& ids = {},
                                            std::size_t max_size = default_max_receipt_size);

/// The receipt points into its text: a temporary string would leave it dangling, so it does not
/// compile. Keep the text in a variable that outlives the receipt.
template <class Text>
  requires std::same_as<Text, std::string>
result<receipt> parse_receipt(Text&& text, const receipt_tlvs& tlvs, const receipt_id_rules& ids = {},
                              std::size_t max_size = default_max_receipt_size) = delete;

SMSTRACK_END_NAMESPACE
