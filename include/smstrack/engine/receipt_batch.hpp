// Carrier receipts as a gateway hands them to the tracker, and what became of them
// (tracker::on_receipts, tracker::expire_held_receipts).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/receipts/receipt_tlvs.hpp>

#include <boost/describe/enum.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

/// A receipt as a gateway received it: the short_message text and the TLVs it decoded.
struct incoming_receipt {
  std::string_view text;
  receipt_tlvs tlvs;
  /// The destination's mobile network when the gateway knows it (a provider's "network-code",
  /// an HLR look-up): "208-01", "208 01" or "20801"; empty when unknown. A malformed one makes
  /// the receipt invalid.
  std::string_view network;
};

/// What happened to one receipt; tells a gateway what it may acknowledge upstream.
enum class receipt_outcome : std::uint8_t {
  applied,       ///< the log took the receipt's final status
  duplicate,     ///< the log already had this status, or a final one: nothing changed
  intermediate,  ///< a non-final stat (ENROUTE, ACCEPTD, ...): nothing changed
  held,          ///< no log carries the id yet: held until its ack lands or the grace period ends
  unknown_id,    ///< no log carries the id (and it is not held)
  invalid,       ///< the receipt does not parse (see parse_receipt for the reasons), or its
                 ///< network is not an MCC and an MNC
  conflict,      ///< another writer changed the log meanwhile; hand the receipt over again
};
BOOST_DESCRIBE_ENUM(receipt_outcome, applied, duplicate, intermediate, held, unknown_id, invalid, conflict)

/// How many receipts of a batch had each outcome, indexed by receipt_outcome.
struct receipt_summary {
  std::array<std::size_t, 7> counts{};
  [[nodiscard]] std::size_t operator[](receipt_outcome o) const noexcept { return counts[static_cast<std::size_t>(o)]; }
};

/// A held receipt whose grace period ended without its ack: now an unknown message id.
struct expired_receipt {
  std::string connector;
  std::string message_id;  ///< normalized
  std::string text;
  timestamp received{};
};

SMSTRACK_END_NAMESPACE
