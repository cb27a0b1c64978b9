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
    if (effects_of(click_class::human, url.type).click_through) counted_urls.push_back(url.id);
  }
  for (const url_click_count& count : *clicks) {
    counts.clicks += count.by_class;
    const auto type = types.find(count.url);
    if (type != types.end() && effects_of(click_class::human, type->second).opt_out) {
      counts.opt_outs += count.by_class.human;
    }
  }
  auto distinct = store.tracking().distinct_human_clickers(d.id, all_urls);
  if (!distinct) return distinct.error();
  counts.distinct_clicks = *distinct;
  auto counted = store.tracking().distinct_human_clickers(d.id, counted_urls);
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
  unwritten_journal_.push_back({record_.id, 0, at, severity, code, std::move(message), std::move(details)});
}

result<void> delivery_runtime::flush_journal(storage& store) {
  if (unwritten_journal_.empty()) return {};
  auto written = store.audit().append(unwritten_journal_);
  if (!written) {
    return error{errc::storage_failure,
                 "journal not written (kept for the next operation): " + written.error().message()};
  }
  unwritten_journal_.clear();
  return {};
}

void delivery_runtime::open_unit() {
  unit_open_ = true;
  staged_ = false;
  journal_before_unit_ = unwritten_journal_.size();
}

void delivery_runtime::unit_committed() {
  if (staged_) ++record_.revision;
  unwritten_journal_.clear();
  unit_open_ = staged_ = false;
}

void delivery_runtime::unit_dropped(storage& store, bool record_stale) {
  if (staged_) record_ = std::move(committed_record_);
  if (record_stale) {
    if (auto fresh = store.deliveries().get(record_.id)) record_ = std::move(*fresh);
  }
  unwritten_journal_.resize(journal_before_unit_);
  loaded_ = false;
  unit_open_ = staged_ = false;
}

result<void> delivery_runtime::save(storage& store, delivery next, timestamp now) {
  next.last_modified = now;
  if (unit_open_) {  // the unit's commit stores it, compare-and-set on the revision it had
    if (!staged_) committed_record_ = record_;
    staged_ = true;
    next.revision = record_.revision;
    record_ = std::move(next);
    return {};
  }
  auto revision = store.deliveries().update(next);
  if (!revision) {
    if (revision.error() == errc::revision_conflict) {
      if (auto fresh = store.deliveries().get(record_.id)) record_ = std::move(*fresh);
    }
    return revision.error();
  }
  next.revision = *revision;
  record_ = std::move(next);
  return {};
}

result<void> delivery_runtime::move(storage& store, std::initializer_list<delivery_state> path, timestamp now) {
  if (auto legal = check_path(record_.state, path); !legal) return legal;
  delivery next = record_;
  next.state = *(path.end() - 1);
  return save(store, std::move(next), now);
}

result<void> delivery_runtime::finish(storage& store, std::string_view why, timestamp now) {
  if (auto legal = check_transition(record_.state, delivery_state::finished); !legal) return legal;
  delivery next = record_;
  next.state = delivery_state::finished;
  next.finished = now;
  if (auto saved = save(store, std::move(next), now); !saved) return saved;
  note(now, audit_severity::info, audit_code::delivery_finished, "Delivery finished: " + std::string(why));
  return {};
}

void delivery_runtime::count_change(const log_digest& before, const log_digest& after, const retry_settings& retries) {
  counters_.replace(before, after);
  if (awaits_retry(before, retries) && awaiting_retry_ > 0) --awaiting_retry_;
  if (awaits_retry(after, retries)) ++awaiting_retry_;
}

result<void> delivery_runtime::rebuild(const engine_context& context) {
  indicator_counters fresh;
  std::uint64_t retrying = 0;
  log_id after = 0;
  for (;;) {
    auto page = context.store.logs().scan_digests(record_.id, after, context.options.write_batch);
    if (!page) return page.error();
    for (const log_digest& digest : *page) {
      fresh.add(digest);
      if (awaits_retry(digest, context.options.retries)) ++retrying;
    }
    if (page->size() < context.options.write_batch) break;
    after = page->back().id;
  }
  auto other = count_other_indicators(context.store, record_);
  if (!other) return other.error();
  {
    const auto every_stripe = context.stripes.lock_all();
    auto quarantined = context.store.quarantine().count_quarantined_by(record_.id);
    if (!quarantined) return quarantined.error();
    new_quarantines_ = *quarantined;
  }
  counters_ = std::move(fresh);
  awaiting_retry_ = retrying;
  counts_ = *other;
  loaded_ = true;
  clickers_loaded_ = false;
  return {};
}

void delivery_runtime::adopt_analysis(indicator_counters counters, std::uint64_t initial_population,
                                      std::uint64_t rejected) {
  counters_ = std::move(counters);
  awaiting_retry_ = 0;
  counts_.initial_population = initial_population;
  counts_.rejected = rejected;
  loaded_ = true;
}

result<void> delivery_runtime::load_clickers(storage& store, std::size_t page_size) {
  if (clickers_loaded_) return {};
  auto urls = store.tracking().urls(record_.id);
  if (!urls) return urls.error();
  boost::unordered_flat_map<url_id, tracked_url_type> types;
  for (const tracked_url& url : *urls) types.emplace(url.id, url.type);
  clickers_.clear();
  click_through_clickers_.clear();
  for (event_id after = 0;;) {
    auto page = store.tracking().clicks(record_.id, after, page_size);
    if (!page) return page.error();
    for (const click& c : *page) {
      const auto type = types.find(c.url);
      if (type == types.end()) continue;
      const click_effects effects = effects_of(c.kind, type->second);
      if (effects.clicker) clickers_.insert(c.log);
      if (effects.click_through) click_through_clickers_.insert(c.log);
    }
    if (page->size() < page_size) break;
    after = page->back().id;
  }
  clickers_loaded_ = true;
  return {};
}

void delivery_runtime::count_click(const click& c, tracked_url_type type) {
  ++counts_.clicks[c.kind];
  const click_effects effects = effects_of(c.kind, type);
  if (effects.clicker && clickers_.insert(c.log).second) ++counts_.distinct_clicks;
  if (effects.click_through && click_through_clickers_.insert(c.log).second) ++counts_.click_through_clickers;
  if (effects.opt_out) ++counts_.opt_outs;
}

void delivery_runtime::count_opt_out_reply() noexcept {
  if (loaded_) ++counts_.opt_outs;
}

void delivery_runtime::add_new_quarantines(std::int64_t delta) noexcept {
  new_quarantines_.fetch_add(static_cast<std::uint64_t>(delta), std::memory_order_relaxed);
}

indicators delivery_runtime::snapshot() const {
  delivery_counts now = counts_;
  now.new_quarantines = new_quarantines_.load();
  return counters_.snapshot(now);
}

void delivery_runtime::forget_logs() {
  counters_.clear();
  awaiting_retry_ = 0;
  counts_.initial_population = 0;
  counts_.rejected = 0;
}

}  // namespace engine_detail
SMSTRACK_END_NAMESPACE
