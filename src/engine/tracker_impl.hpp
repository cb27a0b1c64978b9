// The tracker's internals: the components its public methods (the doors) are built from.
//
//   delivery_registry     the deliveries kept in memory, their locks and counters (lock order)
//   status_pipeline       every log status change, decided once (status_pipeline.hpp)
//   quarantine_settlement the addresses' entries, decided after the delivery's lock
//   receipt_hold          receipts that overtook their ack
//   connector_book        how each connector's acks and receipts are read
//   reply_rules           the keyword rules for replies
//
// The doors live in tracker.cpp (deliveries, lifecycle, logs), tracker_acks.cpp (acks),
// tracker_receipts.cpp (receipts, horizon, retries), tracker_analysis.cpp, tracker_content.cpp (URLs, clicks) and
// tracker_quarantine.cpp (operators, replies). A door translates its input into what a component
// takes and the component's results into its own outcome type; no component calls a door.
#pragma once

#include <smstrack/engine/tracker.hpp>

#include "delivery_registry.hpp"
#include "quarantine_settlement.hpp"
#include "receipt_hold.hpp"
#include "status_pipeline.hpp"

#include <smstrack/model/json.hpp>
#include <smstrack/ports/checked_storage.hpp>
#include <smstrack/policy/lifecycle.hpp>
#include <smstrack/text/utf8.hpp>

#include <atomic>
#include <map>
#include <shared_mutex>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {

/// The connectors' profiles; a connector never registered reads with the defaults.
class connector_book {
 public:
  /// Keeps the profile, its prices compiled apart (`of` leaves them out).
  void put(const connector_profile& profile, std::shared_ptr<const price_table> prices) {
    connector_profile kept = profile;
    kept.prices.reset();
    std::unique_lock lock(mutex_);
    profiles_.insert_or_assign(profile.name, std::move(kept));
    if (prices) prices_.insert_or_assign(profile.name, std::move(prices));
    else prices_.erase(profile.name);
  }
  /// The connector's prices; null when it has none.
  [[nodiscard]] std::shared_ptr<const price_table> prices_of(std::string_view connector) const {
    std::shared_lock lock(mutex_);
    const auto found = prices_.find(connector);
    return found == prices_.end() ? nullptr : found->second;
  }
  [[nodiscard]] connector_profile of(std::string_view connector) const {
    std::shared_lock lock(mutex_);
    if (const auto found = profiles_.find(connector); found != profiles_.end()) return found->second;
    connector_profile defaults;
    defaults.name = std::string(connector);
    return defaults;
  }

 private:
  mutable std::shared_mutex mutex_;
  std::map<std::string, connector_profile, std::less<>> profiles_;
  std::map<std::string, std::shared_ptr<const price_table>, std::less<>> prices_;
};

/// The keyword rules that replies are matched against.
class reply_rules {
 public:
  void replace(std::vector<keyword_rule> rules) {
    std::unique_lock lock(mutex_);
    rules_ = std::move(rules);
  }
  /// The first rule that matches, with its action and reply text.
  [[nodiscard]] std::optional<std::pair<std::size_t, keyword_rule>> match(std::string_view short_code,
                                                                          std::string_view text) const {
    std::shared_lock lock(mutex_);
    const auto hit = match_keyword(rules_, short_code, text);
    if (!hit) return std::nullopt;
    return std::pair{*hit, rules_[*hit]};
  }

 private:
  mutable std::shared_mutex mutex_;
  std::vector<keyword_rule> rules_ = default_keyword_rules();
};

/// invalid_argument unless a door's outcome span has one element per input (`what` names them).
inline result<void> check_sizes(std::size_t outcomes, std::size_t inputs, std::string_view what) {
  if (outcomes == inputs) return {};
  return error{errc::invalid_argument, "outcomes has " + std::to_string(outcomes) + " elements for " +
                                           std::to_string(inputs) + " " + std::string(what)};
}

/// What an analysis learned of the content: its URLs, and what the messages cost.
struct content_facts {
  content_links links;
  message_summary messages;
  std::uint64_t oversized = 0;  // messages excluded for their size
  std::uint16_t max_parts = 0;
};

}  // namespace engine_detail

using engine_detail::delivery_runtime;
using engine_detail::name_of;

struct tracker::impl {
  impl(storage& s, const smstrack::clock& c, tracker_options o)
      : options(o), checked(s), context{checked, c, options, stripes} {}

  tracker_options options;
  engine_detail::address_stripes stripes;
  checked_storage checked;  // every storage call goes through it: the port boundary
  engine_detail::engine_context context;
  engine_detail::delivery_registry deliveries{context};
  engine_detail::quarantine_settlement quarantine{context, deliveries};
  engine_detail::receipt_hold hold{options.max_held_receipts};
  engine_detail::connector_book connectors;
  engine_detail::reply_rules keyword_rules;
  std::atomic<tracking_keys*> keys{nullptr};

  [[nodiscard]] storage& store() const { return context.store; }
  [[nodiscard]] timestamp now() const { return context.clock.now(); }

  result<void> check_page(std::size_t limit) const {
    if (limit == 0 || limit > options.max_page_size) {
      return error{errc::invalid_argument, "page limit " + std::to_string(limit) + " is not in 1.." +
                                               std::to_string(options.max_page_size)};
    }
    return {};
  }

  /// Runs status events of a delivery through the pipeline under its lock (held by the caller),
  /// as at `at`, committing what follows from them as one unit of work.
  result<engine_detail::pipeline_report> run_events(delivery_runtime& rt, std::span<engine_detail::status_event> events,
                                                    timestamp at) {
    return engine_detail::run_status_pipeline(context, rt, events, at);
  }

  // ----- lifecycle doors (tracker.cpp) -------------------------------------------------------
  result<void> start(delivery_runtime& rt, std::string_view by);
  /// Cancels every pending log of the delivery, in batches; how many were canceled.
  result<std::uint64_t> cancel_pending(delivery_runtime& rt);

  // ----- analysis (tracker_analysis.cpp) -----------------------------------------------------
  result<analysis_report> analyse(delivery_runtime& rt, std::span<const recipient> target, const typology& rules);
  result<analysis_report> write_analysis(delivery_runtime& rt, std::span<const recipient> target, const typology& rules,
                                         const message_renderer& renderer, engine_detail::content_facts& content,
                                         timestamp started, indicator_counters& counters);
  result<void> record_analysis(delivery_runtime& rt, const analysis_report& report, indicator_counters counters);
  result<void> discard_analysis(delivery_runtime& rt);
  void journal_analysis(delivery_runtime& rt, const analysis_report& report, timestamp started);
  // A failed analysis leaves nothing behind: its rows are removed and the delivery goes to
  // preparation_failed.
  error fail_analysis(delivery_runtime& rt, error cause);
  result<message_renderer> prepare_content(delivery_runtime& rt, engine_detail::content_facts& content);
  // The renderer of a delivery's messages with its URL registry (tracker_content.cpp).
  result<message_renderer> rendering_of(const delivery& d, std::span<const tracked_url> registry);

  // ----- cost (tracker_routes.cpp) ----------------------------------------------------------
  /// The delivery's indicators with their cost, priced by its connector's current prices.
  indicators priced_snapshot(const delivery_runtime& rt) const;
};

SMSTRACK_END_NAMESPACE
