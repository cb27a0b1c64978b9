// How a tracker is set up: its bounds and policies (tracker_options), and how it reads each
// connector's acks and receipts (connector_profile). Plain values.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/time.hpp>
#include <smstrack/policy/price_table.hpp>
#include <smstrack/policy/qualification_rules.hpp>
#include <smstrack/policy/quarantine_policy.hpp>
#include <smstrack/policy/retry_policy.hpp>
#include <smstrack/receipts/provider_key.hpp>
#include <smstrack/receipts/stat_outcome.hpp>
#include <smstrack/tracking/click_classifier.hpp>

#include <boost/describe/class.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct tracker_options {
  std::size_t max_page_size = 10'000;    ///< largest `limit` a page query may ask for
  std::size_t write_batch = 10'000;      ///< rows per storage call when the tracker writes in bulk
  std::size_t max_label_bytes = 256;     ///< delivery label
  std::size_t max_content_bytes = 64 * 1024;
  qualification_settings qualification;  ///< how unseen error receipts are provisioned (§6.6)
  quarantine_settings quarantine;        ///< §5.4
  retry_settings retries;                ///< §5.5
  /// How long a receipt that overtook its ack is held before it is reported unknown (§6.7).
  duration receipt_grace = std::chrono::seconds{30};
  /// Receipts held at most; beyond, a receipt for an unknown id is reported unknown at once.
  std::size_t max_held_receipts = 100'000;
  /// After this long without a final receipt, an acknowledged log is marked receipt timed out.
  duration receipt_horizon = std::chrono::hours{72};
  std::size_t max_receipt_text_bytes = 1024;  ///< receipt text kept on a failed log, cut beyond
  /// A reply is attributed to the delivery whose message reached its number last within this.
  duration reply_attribution = std::chrono::duration_cast<duration>(std::chrono::days{7});
  std::size_t max_reply_text_bytes = 1600;  ///< longer replies are refused (10 concatenated parts)
  std::size_t max_field_bytes = 1024;       ///< a recipient's personalization field value
  std::size_t max_user_agent_bytes = 512;   ///< a click's user agent, cut beyond
  /// How clicks are told human or not (the prefetch window after the ack).
  click_classifier_settings click_classification;
};

/// How the tracker reads the acks and receipts of one connector (provider route). A delivery
/// names its connector in its settings; receipts name it when they are handed over. A connector
/// that was never registered uses the defaults.
struct connector_profile {
  std::string name;
  id_normalization ids = id_normalization::as_is;  ///< applied to ack ids and receipt text ids alike
  outcome_matchers outcomes;
  /// Applied to receipted_message_id TLVs; nothing: the same as `ids`. For a connector whose
  /// acks give decimal ids and whose TLVs give the same ids in hex (hex_number), or the reverse.
  std::optional<id_normalization> tlv_ids;
  /// What the connector charges per part (SPEC §13): prices the indicators' and the routes'
  /// cost figures and the analysis's budget rule. Nothing: costs are not known.
  std::optional<price_list> prices;
};

SMSTRACK_END_NAMESPACE
