// A storage that forwards to a memory store and fails on demand: by returning a storage failure
// or by throwing, on the calls of one part, or on the commit of a unit of work. Tests use it to
// check the port boundary. A unit is committed by the memory store (atomically) unless a fault
// is armed on a part: then it goes part by part through the faulty parts, so the fault fires.
#pragma once

#include <smstrack/store/memory_store.hpp>

#include <stdexcept>

namespace smstrack::testing {

enum class fault { none, error, exception };
enum class part { deliveries, logs, exclusions, quarantine, qualification, tracking, audit, replies, commit };

class fault_switch {
 public:
  void arm(part p, fault f, int after_calls = 0) {
    part_ = p;
    fault_ = f;
    countdown_ = after_calls;
  }
  void disarm() { fault_ = fault::none; }
  /// Whether a fault is armed on one of the parts (not on the commit).
  [[nodiscard]] bool armed_on_a_part() const { return fault_ != fault::none && part_ != part::commit; }
  // Returns an error to report, throws, or returns nothing to let the call through.
  template <class T>
  std::optional<result<T>> check(part p) {
    if (fault_ == fault::none || p != part_) return std::nullopt;
    if (countdown_ > 0) {
      --countdown_;
      return std::nullopt;
    }
    if (fault_ == fault::exception) throw std::runtime_error("injected adapter exception");
    return result<T>(error{errc::storage_failure, "injected failure", retry_hint::transient});
  }

 private:
  part part_ = part::deliveries;
  fault fault_ = fault::none;
  int countdown_ = 0;
};

#define SMSTRACK_GATE(part_name, type) \
  if (auto injected = faults_.check<type>(part::part_name)) return std::move(*injected)

class faulty_deliveries final : public delivery_store {
 public:
  faulty_deliveries(delivery_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<delivery_id> create(const delivery& d) override { SMSTRACK_GATE(deliveries, delivery_id); return inner_.create(d); }
  result<delivery> get(delivery_id id) override { SMSTRACK_GATE(deliveries, delivery); return inner_.get(id); }
  result<std::uint64_t> update(const delivery& d) override { SMSTRACK_GATE(deliveries, std::uint64_t); return inner_.update(d); }
  result<std::vector<delivery>> list(delivery_id after, std::size_t limit) override {
    SMSTRACK_GATE(deliveries, std::vector<delivery>);
    return inner_.list(after, limit);
  }

 private:
  delivery_store& inner_;
  fault_switch& faults_;
};

class faulty_logs final : public log_store {
 public:
  faulty_logs(log_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<void> insert(delivery_id d, std::span<const delivery_log> logs) override {
    SMSTRACK_GATE(logs, void);
    return inner_.insert(d, logs);
  }
  result<void> update(delivery_id d, std::span<const log_update> c, std::span<write_outcome> o) override {
    SMSTRACK_GATE(logs, void);
    return inner_.update(d, c, o);
  }
  result<void> read_digests(delivery_id d, std::span<const log_id> ids, std::span<std::optional<log_digest>> o) override {
    SMSTRACK_GATE(logs, void);
    return inner_.read_digests(d, ids, o);
  }
  result<std::vector<log_digest>> scan_digests(delivery_id d, log_id after, std::size_t limit) override {
    SMSTRACK_GATE(logs, std::vector<log_digest>);
    return inner_.scan_digests(d, after, limit);
  }
  result<void> get(delivery_id d, std::span<const log_id> ids, std::span<std::optional<delivery_log>> o) override {
    SMSTRACK_GATE(logs, void);
    return inner_.get(d, ids, o);
  }
  result<std::vector<delivery_log>> page(delivery_id d, const log_page_query& q) override {
    SMSTRACK_GATE(logs, std::vector<delivery_log>);
    return inner_.page(d, q);
  }
  result<void> find_by_provider_ids(std::span<const std::string_view> ids, std::span<std::optional<log_ref>> o) override {
    SMSTRACK_GATE(logs, void);
    return inner_.find_by_provider_ids(ids, o);
  }
  result<void> history(std::span<const phone_number> addresses, const history_query& q,
                       std::span<address_history> o) override {
    SMSTRACK_GATE(logs, void);
    return inner_.history(addresses, q, o);
  }
  result<std::uint64_t> erase(delivery_id d) override { SMSTRACK_GATE(logs, std::uint64_t); return inner_.erase(d); }

 private:
  log_store& inner_;
  fault_switch& faults_;
};

class faulty_exclusions final : public exclusion_store {
 public:
  faulty_exclusions(exclusion_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<void> insert(delivery_id d, std::span<const exclusion_log> rows) override {
    SMSTRACK_GATE(exclusions, void);
    return inner_.insert(d, rows);
  }
  result<std::vector<exclusion_log>> page(delivery_id d, const exclusion_query& q) override {
    SMSTRACK_GATE(exclusions, std::vector<exclusion_log>);
    return inner_.page(d, q);
  }
  result<void> set_rules(delivery_id d, std::span<const exclusion_rule> rules) override {
    SMSTRACK_GATE(exclusions, void);
    return inner_.set_rules(d, rules);
  }
  result<std::vector<exclusion_cause>> causes(delivery_id d) override {
    SMSTRACK_GATE(exclusions, std::vector<exclusion_cause>);
    return inner_.causes(d);
  }
  result<std::uint64_t> erase(delivery_id d) override { SMSTRACK_GATE(exclusions, std::uint64_t); return inner_.erase(d); }

 private:
  exclusion_store& inner_;
  fault_switch& faults_;
};

class faulty_quarantine final : public quarantine_store {
 public:
  faulty_quarantine(quarantine_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<void> upsert(std::span<const quarantine_entry> e) override { SMSTRACK_GATE(quarantine, void); return inner_.upsert(e); }
  result<void> get(std::span<const quarantine_key> k, std::span<std::optional<quarantine_entry>> o) override {
    SMSTRACK_GATE(quarantine, void);
    return inner_.get(k, o);
  }
  result<std::vector<quarantine_entry>> page(const quarantine_query& q) override {
    SMSTRACK_GATE(quarantine, std::vector<quarantine_entry>);
    return inner_.page(q);
  }
  result<std::uint64_t> count_quarantined_by(delivery_id d) override {
    SMSTRACK_GATE(quarantine, std::uint64_t);
    return inner_.count_quarantined_by(d);
  }

 private:
  quarantine_store& inner_;
  fault_switch& faults_;
};

class faulty_tracking final : public tracking_store {
 public:
  faulty_tracking(tracking_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<void> upsert_urls(delivery_id d, std::span<const tracked_url> u) override {
    SMSTRACK_GATE(tracking, void);
    return inner_.upsert_urls(d, u);
  }
  result<void> replace_urls(delivery_id d, std::span<const tracked_url> u) override {
    SMSTRACK_GATE(tracking, void);
    return inner_.replace_urls(d, u);
  }
  result<std::vector<tracked_url>> urls(delivery_id d) override { SMSTRACK_GATE(tracking, std::vector<tracked_url>); return inner_.urls(d); }
  result<std::vector<event_id>> add_clicks(std::span<const click> c) override {
    SMSTRACK_GATE(tracking, std::vector<event_id>);
    return inner_.add_clicks(c);
  }
  result<std::vector<click>> clicks(delivery_id d, event_id after, std::size_t limit) override {
    SMSTRACK_GATE(tracking, std::vector<click>);
    return inner_.clicks(d, after, limit);
  }
  result<std::vector<url_click_count>> click_counts(delivery_id d) override {
    SMSTRACK_GATE(tracking, std::vector<url_click_count>);
    return inner_.click_counts(d);
  }
  result<std::uint64_t> distinct_human_clickers(delivery_id d, std::span<const url_id> u) override {
    SMSTRACK_GATE(tracking, std::uint64_t);
    return inner_.distinct_human_clickers(d, u);
  }

 private:
  tracking_store& inner_;
  fault_switch& faults_;
};

class faulty_audit final : public audit_store {
 public:
  faulty_audit(audit_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<std::vector<event_id>> append(std::span<const audit_event> e) override {
    SMSTRACK_GATE(audit, std::vector<event_id>);
    return inner_.append(e);
  }
  result<std::vector<audit_event>> query(delivery_id d, const audit_query& q) override {
    SMSTRACK_GATE(audit, std::vector<audit_event>);
    return inner_.query(d, q);
  }

 private:
  audit_store& inner_;
  fault_switch& faults_;
};

class faulty_replies final : public reply_store {
 public:
  faulty_replies(reply_store& inner, fault_switch& faults) : inner_(inner), faults_(faults) {}
  result<std::vector<event_id>> append(std::span<const reply_record> r) override {
    SMSTRACK_GATE(replies, std::vector<event_id>);
    return inner_.append(r);
  }
  result<std::vector<reply_record>> page(const reply_query& q) override {
    SMSTRACK_GATE(replies, std::vector<reply_record>);
    return inner_.page(q);
  }
  result<std::uint64_t> count_opt_outs(delivery_id d) override {
    SMSTRACK_GATE(replies, std::uint64_t);
    return inner_.count_opt_outs(d);
  }

 private:
  reply_store& inner_;
  fault_switch& faults_;
};

#undef SMSTRACK_GATE

class faulty_storage final : public storage {
 public:
  fault_switch faults;
  memory_store inner;

  delivery_store& deliveries() override { return deliveries_; }
  log_store& logs() override { return logs_; }
  exclusion_store& exclusions() override { return exclusions_; }
  quarantine_store& quarantine() override { return quarantine_; }
  qualification_store& qualification() override { return inner.qualification(); }
  tracking_store& tracking() override { return tracking_; }
  audit_store& audit() override { return audit_; }
  reply_store& replies() override { return replies_; }
  result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override {
    if (auto injected = faults.check<commit_status>(part::commit)) return std::move(*injected);
    if (faults.armed_on_a_part()) return commit_part_by_part(*this, unit, outcomes);
    return inner.commit(unit, outcomes);
  }

 private:
  faulty_deliveries deliveries_{inner.deliveries(), faults};
  faulty_logs logs_{inner.logs(), faults};
  faulty_exclusions exclusions_{inner.exclusions(), faults};
  faulty_quarantine quarantine_{inner.quarantine(), faults};
  faulty_tracking tracking_{inner.tracking(), faults};
  faulty_audit audit_{inner.audit(), faults};
  faulty_replies replies_{inner.replies(), faults};
};

}  // namespace smstrack::testing
