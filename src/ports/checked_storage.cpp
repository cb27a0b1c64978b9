#include <smstrack/ports/checked_storage.hpp>

#include <smstrack/ports/port_checks.hpp>

#include <algorithm>
#include <exception>
#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// Runs an adapter's call; an exception becomes storage_failure naming the method.
template <class F>
auto guarded(const char* method, F&& call) noexcept -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    try {
      return error{errc::storage_failure, std::string(method) + " threw: " + e.what()};
    } catch (...) {
      return error{errc::storage_failure};
    }
  } catch (...) {
    try {
      return error{errc::storage_failure, std::string(method) + " threw a non-standard exception"};
    } catch (...) {
      return error{errc::storage_failure};
    }
  }
}

error broken(const char* method, const std::string& what) {
  return error{errc::storage_failure, std::string("adapter broke its contract: ") + method + " " + what};
}

// A page or scan of at most `limit` rows.
template <class T>
result<std::vector<T>> at_most(const char* method, result<std::vector<T>> rows, std::size_t limit) {
  if (rows && rows->size() > limit) {
    return broken(method, "returned " + std::to_string(rows->size()) + " rows for a limit of " + std::to_string(limit));
  }
  return rows;
}

// One id per appended row.
result<std::vector<event_id>> one_id_each(const char* method, result<std::vector<event_id>> ids, std::size_t rows) {
  if (ids && ids->size() != rows) {
    return broken(method, "returned " + std::to_string(ids->size()) + " ids for " + std::to_string(rows) + " rows");
  }
  return ids;
}

using port_checks::output_matches;

class checked_deliveries final : public delivery_store_wrapper {
 public:
  using delivery_store_wrapper::delivery_store_wrapper;
  result<delivery_id> create(const delivery& d) override {
    auto id = guarded("delivery_store::create", [&] { return target().create(d); });
    if (id && *id == 0) return broken("delivery_store::create", "returned id 0");
    return id;
  }
  result<delivery> get(delivery_id id) override {
    return guarded("delivery_store::get", [&] { return target().get(id); });
  }
  result<std::uint64_t> update(const delivery& d) override {
    return guarded("delivery_store::update", [&] { return target().update(d); });
  }
  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override {
    return at_most("delivery_store::list", guarded("delivery_store::list", [&] { return target().list(after, limit); }),
                   limit);
  }
};

class checked_logs final : public log_store_wrapper {
 public:
  using log_store_wrapper::log_store_wrapper;
  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    return guarded("log_store::insert", [&] { return target().insert(delivery, logs); });
  }
  result<void> update(delivery_id delivery, std::span<const log_update> changes, std::span<write_outcome> out) override {
    if (auto sized = output_matches(changes, out); !sized) return sized;
    return guarded("log_store::update", [&] { return target().update(delivery, changes, out); });
  }
  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    if (auto sized = output_matches(ids, out); !sized) return sized;
    return guarded("log_store::read_digests", [&] { return target().read_digests(delivery, ids, out); });
  }
  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    return at_most("log_store::scan_digests",
                   guarded("log_store::scan_digests", [&] { return target().scan_digests(delivery, after, limit); }), limit);
  }
  result<void> get(delivery_id delivery, std::span<const log_id> ids, std::span<std::optional<delivery_log>> out) override {
    if (auto sized = output_matches(ids, out); !sized) return sized;
    return guarded("log_store::get", [&] { return target().get(delivery, ids, out); });
  }
  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    return at_most("log_store::page", guarded("log_store::page", [&] { return target().page(delivery, query); }),
                   query.limit);
  }
  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    if (auto sized = output_matches(provider_ids, out); !sized) return sized;
    return guarded("log_store::find_by_provider_ids", [&] { return target().find_by_provider_ids(provider_ids, out); });
  }
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    if (auto sized = output_matches(addresses, out); !sized) return sized;
    return guarded("log_store::history", [&] { return target().history(addresses, query, out); });
  }
  result<std::uint64_t> erase(delivery_id delivery) override {
    return guarded("log_store::erase", [&] { return target().erase(delivery); });
  }
};

class checked_exclusions final : public exclusion_store_wrapper {
 public:
  using exclusion_store_wrapper::exclusion_store_wrapper;
  result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) override {
    return guarded("exclusion_store::insert", [&] { return target().insert(delivery, rows); });
  }
  result<std::vector<exclusion_log>> page(delivery_id delivery, const exclusion_query& query) override {
    return at_most("exclusion_store::page", guarded("exclusion_store::page", [&] { return target().page(delivery, query); }),
                   query.limit);
  }
  result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) override {
    return guarded("exclusion_store::set_rules", [&] { return target().set_rules(delivery, rules); });
  }
  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override {
    return guarded("exclusion_store::causes", [&] { return target().causes(delivery); });
  }
  result<std::uint64_t> erase(delivery_id delivery) override {
    return guarded("exclusion_store::erase", [&] { return target().erase(delivery); });
  }
};

class checked_quarantine final : public quarantine_store_wrapper {
 public:
  using quarantine_store_wrapper::quarantine_store_wrapper;
  result<void> upsert(std::span<const quarantine_entry> entries) override {
    return guarded("quarantine_store::upsert", [&] { return target().upsert(entries); });
  }
  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    if (auto sized = output_matches(keys, out); !sized) return sized;
    return guarded("quarantine_store::get", [&] { return target().get(keys, out); });
  }
  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override {
    return at_most("quarantine_store::page", guarded("quarantine_store::page", [&] { return target().page(query); }),
                   query.limit);
  }
  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    return guarded("quarantine_store::count_quarantined_by", [&] { return target().count_quarantined_by(delivery); });
  }
};

class checked_qualification final : public qualification_store_wrapper {
 public:
  using qualification_store_wrapper::qualification_store_wrapper;
  result<void> upsert(std::span<const qualification_entry> entries) override {
    return guarded("qualification_store::upsert", [&] { return target().upsert(entries); });
  }
  result<void> record(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) override {
    if (auto sized = output_matches(items, out); !sized) return sized;
    return guarded("qualification_store::record", [&] { return target().record(items, cap, out); });
  }
  result<void> get(std::span<const std::string_view> keys, std::span<std::optional<qualification_entry>> out) override {
    if (auto sized = output_matches(keys, out); !sized) return sized;
    return guarded("qualification_store::get", [&] { return target().get(keys, out); });
  }
  result<std::vector<qualification_entry>> page(std::string_view after, std::size_t limit) override {
    return at_most("qualification_store::page",
                   guarded("qualification_store::page", [&] { return target().page(after, limit); }), limit);
  }
};

class checked_tracking final : public tracking_store_wrapper {
 public:
  using tracking_store_wrapper::tracking_store_wrapper;
  result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    return guarded("tracking_store::upsert_urls", [&] { return target().upsert_urls(delivery, urls); });
  }
  result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    return guarded("tracking_store::replace_urls", [&] { return target().replace_urls(delivery, urls); });
  }
  result<std::vector<tracked_url>> urls(delivery_id delivery) override {
    return guarded("tracking_store::urls", [&] { return target().urls(delivery); });
  }
  result<std::vector<event_id>> add_clicks(std::span<const click> clicks) override {
    return one_id_each("tracking_store::add_clicks",
                       guarded("tracking_store::add_clicks", [&] { return target().add_clicks(clicks); }), clicks.size());
  }
  result<std::vector<click>> clicks(delivery_id delivery, event_id after, std::size_t limit) override {
    return at_most("tracking_store::clicks",
                   guarded("tracking_store::clicks", [&] { return target().clicks(delivery, after, limit); }), limit);
  }
  result<std::vector<url_click_count>> click_counts(delivery_id delivery) override {
    return guarded("tracking_store::click_counts", [&] { return target().click_counts(delivery); });
  }
  result<std::uint64_t> distinct_human_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    return guarded("tracking_store::distinct_human_clickers", [&] { return target().distinct_human_clickers(delivery, urls); });
  }
};

class checked_audit final : public audit_store_wrapper {
 public:
  using audit_store_wrapper::audit_store_wrapper;
  result<std::vector<event_id>> append(std::span<const audit_event> events) override {
    return one_id_each("audit_store::append", guarded("audit_store::append", [&] { return target().append(events); }),
                       events.size());
  }
  result<std::vector<audit_event>> query(delivery_id delivery, const audit_query& query) override {
    return at_most("audit_store::query", guarded("audit_store::query", [&] { return target().query(delivery, query); }),
                   query.limit);
  }
};

class checked_replies final : public reply_store_wrapper {
 public:
  using reply_store_wrapper::reply_store_wrapper;
  result<std::vector<event_id>> append(std::span<const reply_record> replies) override {
    return one_id_each("reply_store::append", guarded("reply_store::append", [&] { return target().append(replies); }),
                       replies.size());
  }
  result<std::vector<reply_record>> page(const reply_query& query) override {
    return at_most("reply_store::page", guarded("reply_store::page", [&] { return target().page(query); }), query.limit);
  }
  result<std::uint64_t> count_opt_outs(delivery_id delivery) override {
    return guarded("reply_store::count_opt_outs", [&] { return target().count_opt_outs(delivery); });
  }
};

}  // namespace

struct checked_storage::parts {
  explicit parts(storage& s)
      : deliveries(s.deliveries()), logs(s.logs()), exclusions(s.exclusions()), quarantine(s.quarantine()),
        qualification(s.qualification()), tracking(s.tracking()), audit(s.audit()), replies(s.replies()) {}
  checked_deliveries deliveries;
  checked_logs logs;
  checked_exclusions exclusions;
  checked_quarantine quarantine;
  checked_qualification qualification;
  checked_tracking tracking;
  checked_audit audit;
  checked_replies replies;
};

checked_storage::checked_storage(storage& target) : storage_wrapper(target), parts_(std::make_unique<parts>(target)) {}
checked_storage::~checked_storage() = default;

delivery_store& checked_storage::deliveries() { return parts_->deliveries; }
log_store& checked_storage::logs() { return parts_->logs; }
exclusion_store& checked_storage::exclusions() { return parts_->exclusions; }
quarantine_store& checked_storage::quarantine() { return parts_->quarantine; }
qualification_store& checked_storage::qualification() { return parts_->qualification; }
tracking_store& checked_storage::tracking() { return parts_->tracking; }
audit_store& checked_storage::audit() { return parts_->audit; }
reply_store& checked_storage::replies() { return parts_->replies; }

result<commit_status> checked_storage::commit(const unit_of_work& unit, std::span<write_outcome> outcomes) {
  if (auto checked = check_unit(unit, outcomes); !checked) return checked.error();
  std::fill(unit.click_ids.begin(), unit.click_ids.end(), event_id{0});
  std::fill(unit.reply_ids.begin(), unit.reply_ids.end(), event_id{0});
  auto status = guarded("storage::commit", [&] { return target().commit(unit, outcomes); });
  if (!status) return status;
  const auto unassigned = [](std::span<const event_id> ids) {
    return std::find(ids.begin(), ids.end(), event_id{0}) != ids.end();
  };
  if (*status == commit_status::committed && (unassigned(unit.click_ids) || unassigned(unit.reply_ids))) {
    return broken("storage::commit", "committed a click or a reply without giving it an id");
  }
  const bool all_applied =
      std::all_of(outcomes.begin(), outcomes.end(), [](write_outcome o) { return o == write_outcome::applied; });
  if (*status == commit_status::committed && !all_applied) {
    return broken("storage::commit", "reported a commit with a log update that did not apply");
  }
  if (*status == commit_status::logs_refused && all_applied) {
    return broken("storage::commit", "refused a unit whose log updates all applied");
  }
  return status;
}

SMSTRACK_END_NAMESPACE
