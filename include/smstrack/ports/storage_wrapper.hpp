// Forwarding storage: every call goes to another storage (the target), unchanged.
//
// Derive from a part's wrapper to change only what you need (like LevelDB's EnvWrapper): count
// calls, inject faults, add a cache, translate errors. A part wrapper forwards each method to its
// target part; `storage_wrapper` hands out the target's parts — override a part accessor to hand
// out your own wrapper of it:
//
//   class counting_logs : public smstrack::log_store_wrapper {
//    public:
//     using log_store_wrapper::log_store_wrapper;
//     smstrack::result<void> update(smstrack::delivery_id d, std::span<const smstrack::log_update> c,
//                                   std::span<smstrack::write_outcome> out) override {
//       ++updates;
//       return log_store_wrapper::update(d, c, out);
//     }
//     std::atomic<std::size_t> updates{0};
//   };
//   class counting_storage : public smstrack::storage_wrapper {
//    public:
//     explicit counting_storage(smstrack::storage& target) : storage_wrapper(target), logs_(target.logs()) {}
//     smstrack::log_store& logs() override { return logs_; }
//     counting_logs logs_;
//   };
//
// The tracker wraps whatever storage it is given in `checked_storage` (checked_storage.hpp),
// itself built on these wrappers.
//
// Thread safety: a wrapper adds no state; it is as thread-safe as its target.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/ports/storage.hpp>

SMSTRACK_BEGIN_NAMESPACE

class delivery_store_wrapper : public delivery_store {
 public:
  explicit delivery_store_wrapper(delivery_store& target) noexcept : target_(target) {}
  [[nodiscard]] delivery_store& target() const noexcept { return target_; }
  result<delivery_id> create(const delivery& d) override { return target_.create(d); }
  result<delivery> get(delivery_id id) override { return target_.get(id); }
  result<std::uint64_t> update(const delivery& d) override { return target_.update(d); }
  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override { return target_.list(after, limit); }

 private:
  delivery_store& target_;
};

class log_store_wrapper : public log_store {
 public:
  explicit log_store_wrapper(log_store& target) noexcept : target_(target) {}
  [[nodiscard]] log_store& target() const noexcept { return target_; }
  result<void> insert(delivery_id delivery, std::span<const delivery_log> logs) override {
    return target_.insert(delivery, logs);
  }
  result<void> update(delivery_id delivery, std::span<const log_update> changes, std::span<write_outcome> out) override {
    return target_.update(delivery, changes, out);
  }
  result<void> read_digests(delivery_id delivery, std::span<const log_id> ids,
                            std::span<std::optional<log_digest>> out) override {
    return target_.read_digests(delivery, ids, out);
  }
  result<std::vector<log_digest>> scan_digests(delivery_id delivery, log_id after, std::size_t limit) override {
    return target_.scan_digests(delivery, after, limit);
  }
  result<void> get(delivery_id delivery, std::span<const log_id> ids, std::span<std::optional<delivery_log>> out) override {
    return target_.get(delivery, ids, out);
  }
  result<std::vector<delivery_log>> page(delivery_id delivery, const log_page_query& query) override {
    return target_.page(delivery, query);
  }
  result<void> find_by_provider_ids(std::span<const std::string_view> provider_ids,
                                    std::span<std::optional<log_ref>> out) override {
    return target_.find_by_provider_ids(provider_ids, out);
  }
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    return target_.history(addresses, query, out);
  }
  result<std::uint64_t> erase(delivery_id delivery) override { return target_.erase(delivery); }

 private:
  log_store& target_;
};

class exclusion_store_wrapper : public exclusion_store {
 public:
  explicit exclusion_store_wrapper(exclusion_store& target) noexcept : target_(target) {}
  [[nodiscard]] exclusion_store& target() const noexcept { return target_; }
  result<void> insert(delivery_id delivery, std::span<const exclusion_log> rows) override {
    return target_.insert(delivery, rows);
  }
  result<std::vector<exclusion_log>> page(delivery_id delivery, const exclusion_query& query) override {
    return target_.page(delivery, query);
  }
  result<void> set_rules(delivery_id delivery, std::span<const exclusion_rule> rules) override {
    return target_.set_rules(delivery, rules);
  }
  result<std::vector<exclusion_cause>> causes(delivery_id delivery) override { return target_.causes(delivery); }
  result<std::uint64_t> erase(delivery_id delivery) override { return target_.erase(delivery); }

 private:
  exclusion_store& target_;
};

class quarantine_store_wrapper : public quarantine_store {
 public:
  explicit quarantine_store_wrapper(quarantine_store& target) noexcept : target_(target) {}
  [[nodiscard]] quarantine_store& target() const noexcept { return target_; }
  result<void> upsert(std::span<const quarantine_entry> entries) override { return target_.upsert(entries); }
  result<void> get(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    return target_.get(keys, out);
  }
  result<std::vector<quarantine_entry>> page(const quarantine_query& query) override { return target_.page(query); }
  result<std::uint64_t> count_quarantined_by(delivery_id delivery) override {
    return target_.count_quarantined_by(delivery);
  }

 private:
  quarantine_store& target_;
};

class qualification_store_wrapper : public qualification_store {
 public:
  explicit qualification_store_wrapper(qualification_store& target) noexcept : target_(target) {}
  [[nodiscard]] qualification_store& target() const noexcept { return target_; }
  result<void> upsert(std::span<const qualification_entry> entries) override { return target_.upsert(entries); }
  result<void> record(std::span<const qualification_occurrence> items, std::uint32_t cap,
                      std::span<qualification_entry> out) override {
    return target_.record(items, cap, out);
  }
  result<void> get(std::span<const std::string_view> keys, std::span<std::optional<qualification_entry>> out) override {
    return target_.get(keys, out);
  }
  result<std::vector<qualification_entry>> page(std::string_view after, std::size_t limit) override {
    return target_.page(after, limit);
  }

 private:
  qualification_store& target_;
};

class tracking_store_wrapper : public tracking_store {
 public:
  explicit tracking_store_wrapper(tracking_store& target) noexcept : target_(target) {}
  [[nodiscard]] tracking_store& target() const noexcept { return target_; }
  result<void> upsert_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    return target_.upsert_urls(delivery, urls);
  }
  result<void> replace_urls(delivery_id delivery, std::span<const tracked_url> urls) override {
    return target_.replace_urls(delivery, urls);
  }
  result<std::vector<tracked_url>> urls(delivery_id delivery) override { return target_.urls(delivery); }
  result<std::vector<event_id>> add_clicks(std::span<const click> clicks) override { return target_.add_clicks(clicks); }
  result<std::vector<click>> clicks(delivery_id delivery, event_id after, std::size_t limit) override {
    return target_.clicks(delivery, after, limit);
  }
  result<std::vector<url_click_count>> click_counts(delivery_id delivery) override {
    return target_.click_counts(delivery);
  }
  result<std::uint64_t> distinct_human_clickers(delivery_id delivery, std::span<const url_id> urls) override {
    return target_.distinct_human_clickers(delivery, urls);
  }

 private:
  tracking_store& target_;
};

class audit_store_wrapper : public audit_store {
 public:
  explicit audit_store_wrapper(audit_store& target) noexcept : target_(target) {}
  [[nodiscard]] audit_store& target() const noexcept { return target_; }
  result<std::vector<event_id>> append(std::span<const audit_event> events) override { return target_.append(events); }
  result<std::vector<audit_event>> query(delivery_id delivery, const audit_query& query) override {
    return target_.query(delivery, query);
  }

 private:
  audit_store& target_;
};

class reply_store_wrapper : public reply_store {
 public:
  explicit reply_store_wrapper(reply_store& target) noexcept : target_(target) {}
  [[nodiscard]] reply_store& target() const noexcept { return target_; }
  result<std::vector<event_id>> append(std::span<const reply_record> replies) override {
    return target_.append(replies);
  }
  result<std::vector<reply_record>> page(const reply_query& query) override { return target_.page(query); }
  result<std::uint64_t> count_opt_outs(delivery_id delivery) override { return target_.count_opt_outs(delivery); }

 private:
  reply_store& target_;
};

/// Hands out the target's parts; override an accessor to hand out a wrapper of your own.
class storage_wrapper : public storage {
 public:
  explicit storage_wrapper(storage& target) noexcept : target_(target) {}
  [[nodiscard]] storage& target() const noexcept { return target_; }
  delivery_store& deliveries() override { return target_.deliveries(); }
  log_store& logs() override { return target_.logs(); }
  exclusion_store& exclusions() override { return target_.exclusions(); }
  quarantine_store& quarantine() override { return target_.quarantine(); }
  qualification_store& qualification() override { return target_.qualification(); }
  tracking_store& tracking() override { return target_.tracking(); }
  audit_store& audit() override { return target_.audit(); }
  reply_store& replies() override { return target_.replies(); }
  result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override {
    return target_.commit(unit, outcomes);
  }

 private:
  storage& target_;
};

SMSTRACK_END_NAMESPACE
