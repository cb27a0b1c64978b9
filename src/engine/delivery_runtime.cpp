#include "delivery_runtime.hpp"

#include <smstrack/model/json.hpp>
#include <smstrack/policy/lifecycle.hpp>
#include <smstrack/policy/retry_policy.hpp>

#include <boost/unordered/unordered_flat_map.hpp>

SMSTRACK_BEGIN_NAMESPACE
namespace engine_detail {
namespace {

// The indicators that do not come from the logs (population, clicks, opt-outs), new quarantines
// excepted.
result<delivery_counts> count_other_indicators(storage& store, const delivery& d) {
  delivery_counts counts;
  counts.initial_population = d.initial_population;
  counts.rejected = d.rejected;
  auto urls = store.tracking().urls(d.id);
  if (!urls) return urls.error();
  auto clicks = store.tracking().click_counts(d.id);
  if (!clicks) return clicks.error();
  std::vector<url_id> all_urls;
  std::vector<url_id> counted_urls;
  boost::unordered_flat_map<url_id, tracked_url_type> types;
  for (const tracked_url& url : *urls) {
    all_urls.push_back(url.id);
    types.emplace(url.id, url.type);
    if (counts_in_click_through(url.type)) counted_urls.push_back(url.id);
  }
  for (const url_click_count& count : *clicks) {
    counts.clicks += count.clicks;
    const auto type = types.find(count.url);
    if (type != types.end() && type->second == tracked_url_type::opt_out) counts.opt_outs += count.clicks;
  }
  auto distinct = store.tracking().distinct_clickers(d.id, all_urls);
  if (!distinct) return distinct.error();
  counts.distinct_clicks = *distinct;
  auto counted = store.tracking().distinct_clickers(d.id, counted_urls);
  if (!counted) return counted.error();
  counts.click_through_clickers = *counted;
  auto opted_out = store.replies().count_opt_outs(d.id);
  if (!opted_out) return opted_out.error();
  counts.opt_outs += *opted_out;
  return counts;
}

}  // namespace

std::string name_of(delivery_state s) { return std::string(detail::enum_name(s)); }

bool awaits_retry(const log_digest& log, const retry_settings& settings) noexcept {
  return log.status == log_status::failed && is_retryable(log.type) && log.retries < settings.max_retries;
}

void delivery_runtime::note(timestamp at, audit_severity severity, audit_code code, std::string message,
                            std::optional<std::string> details) {
  unwritten_journal.push_back({record.id, 0, at, severity, code, std::move(message), std::move(details)});
}

result<void> delivery_runtime::flush_journal(storage& store) {
  if (unwritten_journal.empty()) return {};
  auto written = store.audit().append(unwritten_journal);
  if (!written) {
    return error{errc::storage_failure,
                 "journal not written (kept for the next operation): " + written.error().message()};
  }
  unwritten_journal.clear();
  return {};
}

result<void> delivery_runtime::save(storage& store, delivery next, timestamp now) {
  next.last_modified = now;
  auto revision = store.deliveries().update(next);
  if (!revision) {
    if (revision.error() == errc::revision_conflict) {
      if (auto fresh = store.deliveries().get(record.id)) record = std::move(*fresh);
    }
    return revision.error();
  }
  next.revision = *revision;
  record = std::move(next);
  return {};
}

result<void> delivery_runtime::move(storage& store, std::initializer_list<delivery_state> path, timestamp now) {
  if (auto legal = check_path(record.state, path); !legal) return legal;
  delivery next = record;
  next.state = *(path.end() - 1);
  return save(store, std::move(next), now);
}

result<void> delivery_runtime::finish(storage& store, std::string_view why, timestamp now) {
  if (auto legal = check_transition(record.state, delivery_state::finished); !legal) return legal;
  delivery next = record;
  next.state = delivery_state::finished;
  next.finished = now;
  if (auto saved = save(store, std::move(next), now); !saved) return saved;
  note(now, audit_severity::info, audit_code::delivery_finished, "Delivery finished: " + std::string(why));
  return {};
}

void delivery_runtime::count_change(const log_digest& before, const log_digest& after, const retry_settings& retries) {
  counters.replace(before, after);
  if (awaits_retry(before, retries) && awaiting_retry > 0) --awaiting_retry;
  if (awaits_retry(after, retries)) ++awaiting_retry;
}

result<void> delivery_runtime::rebuild(const engine_context& context) {
  indicator_counters fresh;
  std::uint64_t retrying = 0;
  log_id after = 0;
  for (;;) {
    auto page = context.store.logs().scan_digests(record.id, after, context.options.write_batch);
    if (!page) return page.error();
    for (const log_digest& digest : *page) {
      fresh.add(digest);
      if (awaits_retry(digest, context.options.retries)) ++retrying;
    }
    if (page->size() < context.options.write_batch) break;
    after = page->back().id;
  }
  auto other = count_other_indicators(context.store, record);
  if (!other) return other.error();
  {
    const auto every_stripe = context.stripes.lock_all();
    auto quarantined = context.store.quarantine().count_quarantined_by(record.id);
    if (!quarantined) return quarantined.error();
    new_quarantines = *quarantined;
  }
  counters = std::move(fresh);
  awaiting_retry = retrying;
  counts = *other;
  loaded = true;
  clickers_loaded = false;
  return {};
}

indicators delivery_runtime::snapshot() const {
  delivery_counts now = counts;
  now.new_quarantines = new_quarantines.load();
  return counters.snapshot(now);
}

void delivery_runtime::forget_logs() {
  counters.clear();
  awaiting_retry = 0;
  counts.initial_population = 0;
  counts.rejected = 0;
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE
