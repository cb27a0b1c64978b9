// Adapters with one deliberate bug each: the conformance suite must catch both (checked by
// ctest). The first's audit journal comes back oldest first: `audit_query_is_newest_first`
// must fail for it.
#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/store/memory_store.hpp>

#include <algorithm>

namespace {

class oldest_first_audit final : public smstrack::audit_store {
 public:
  explicit oldest_first_audit(smstrack::audit_store& inner) : inner_(inner) {}
  smstrack::result<std::vector<smstrack::event_id>> append(std::span<const smstrack::audit_event> events) override {
    return inner_.append(events);
  }
  smstrack::result<std::vector<smstrack::audit_event>> query(smstrack::delivery_id delivery,
                                                             const smstrack::audit_query& query) override {
    auto events = inner_.query(delivery, query);
    if (events) std::reverse(events->begin(), events->end());  // the bug
    return events;
  }

 private:
  smstrack::audit_store& inner_;
};

class broken_storage final : public smstrack::storage {
 public:
  smstrack::delivery_store& deliveries() override { return inner_.deliveries(); }
  smstrack::log_store& logs() override { return inner_.logs(); }
  smstrack::exclusion_store& exclusions() override { return inner_.exclusions(); }
  smstrack::quarantine_store& quarantine() override { return inner_.quarantine(); }
  smstrack::qualification_store& qualification() override { return inner_.qualification(); }
  smstrack::tracking_store& tracking() override { return inner_.tracking(); }
  smstrack::audit_store& audit() override { return audit_; }
  smstrack::reply_store& replies() override { return inner_.replies(); }
  smstrack::result<smstrack::commit_status> commit(const smstrack::unit_of_work& unit,
                                                   std::span<smstrack::write_outcome> outcomes) override {
    return inner_.commit(unit, outcomes);
  }

 private:
  smstrack::memory_store inner_;
  oldest_first_audit audit_{inner_.audit()};
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(broken_newest_last, [] { return std::make_unique<broken_storage>(); });

namespace {

// An adapter with transactions per part only: it keeps storage::commit's default, which writes
// a unit part by part. The suite must fail `unit_refused_by_one_log_writes_nothing` for it.
class part_by_part_storage final : public smstrack::storage {
 public:
  smstrack::delivery_store& deliveries() override { return inner_.deliveries(); }
  smstrack::log_store& logs() override { return inner_.logs(); }
  smstrack::exclusion_store& exclusions() override { return inner_.exclusions(); }
  smstrack::quarantine_store& quarantine() override { return inner_.quarantine(); }
  smstrack::qualification_store& qualification() override { return inner_.qualification(); }
  smstrack::tracking_store& tracking() override { return inner_.tracking(); }
  smstrack::audit_store& audit() override { return inner_.audit(); }
  smstrack::reply_store& replies() override { return inner_.replies(); }

 private:
  smstrack::memory_store inner_;
};

}  // namespace

SMSTRACK_STORAGE_CONFORMANCE(broken_part_by_part, [] { return std::make_unique<part_by_part_storage>(); });
