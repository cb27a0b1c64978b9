#include <smstrack/ports/port_checks.hpp>
#include <smstrack/ports/storage.hpp>

#include <algorithm>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// Copies the ids a part's append assigned into the unit's output, which is as long as its input.
result<void> ids_for(const std::vector<event_id>& assigned, std::span<event_id> out, std::string_view call) {
  if (assigned.size() != out.size()) {
    return error{errc::storage_failure, std::string(call) + " returned " + std::to_string(assigned.size()) +
                                            " ids for " + std::to_string(out.size()) + " rows"};
  }
  std::copy(assigned.begin(), assigned.end(), out.begin());
  return {};
}

}  // namespace

result<void> check_unit(const unit_of_work& unit, std::span<const write_outcome> outcomes) {
  const bool of_a_delivery = !unit.logs.empty() || unit.record != nullptr || !unit.journal.empty() || !unit.clicks.empty();
  if (unit.delivery == 0 && of_a_delivery) return error{errc::invalid_argument, "unit of work for delivery 0"};
  if (auto sizes = port_checks::output_matches(unit.logs, outcomes); !sizes) return sizes;
  if (auto sizes = port_checks::output_matches(unit.clicks, unit.click_ids); !sizes) return sizes;
  if (auto sizes = port_checks::output_matches(unit.replies, unit.reply_ids); !sizes) return sizes;
  if (unit.record != nullptr && unit.record->id != unit.delivery) {
    return error{errc::invalid_argument, "unit of work for delivery " + std::to_string(unit.delivery) +
                                             " carries the record of delivery " + std::to_string(unit.record->id)};
  }
  if (auto keyed = port_checks::qualification_keys_present(unit.occurrences); !keyed) return keyed;
  if (auto addressed = port_checks::quarantine_keys_present(unit.quarantine); !addressed) return addressed;
  const auto stray = std::find_if(unit.journal.begin(), unit.journal.end(),
                                  [&](const audit_event& e) { return e.delivery != unit.delivery; });
  if (stray != unit.journal.end()) {
    return error{errc::invalid_argument, "unit of work for delivery " + std::to_string(unit.delivery) +
                                             " carries a journal line of delivery " + std::to_string(stray->delivery)};
  }
  const auto stray_click = std::find_if(unit.clicks.begin(), unit.clicks.end(),
                                        [&](const click& c) { return c.delivery != unit.delivery; });
  if (stray_click != unit.clicks.end()) {
    return error{errc::invalid_argument, "unit of work for delivery " + std::to_string(unit.delivery) +
                                             " carries a click of delivery " + std::to_string(stray_click->delivery)};
  }
  if (auto addressed = port_checks::replies_addressed(unit.replies); !addressed) return addressed;
  return {};
}

result<commit_status> commit_part_by_part(storage& store, const unit_of_work& unit, std::span<write_outcome> outcomes) {
  if (auto checked = check_unit(unit, outcomes); !checked) return checked.error();
  if (unit.record != nullptr) {
    auto stored = store.deliveries().get(unit.delivery);
    if (!stored) return stored.error();
    if (stored->revision != unit.record->revision) {
      return port_checks::revision_conflict(unit.delivery, stored->revision, unit.record->revision);
    }
  }
  if (!unit.logs.empty()) {
    if (auto updated = store.logs().update(unit.delivery, unit.logs, outcomes); !updated) return updated.error();
    const bool all_applied =
        std::all_of(outcomes.begin(), outcomes.end(), [](write_outcome o) { return o == write_outcome::applied; });
    if (!all_applied) return commit_status::logs_refused;
  }
  if (!unit.occurrences.empty()) {
    std::vector<qualification_entry> counted(unit.occurrences.size());
    if (auto recorded = store.qualification().record(unit.occurrences, unit.occurrence_cap, counted); !recorded) {
      return recorded.error();
    }
  }
  if (!unit.quarantine.empty()) {
    if (auto upserted = store.quarantine().upsert(unit.quarantine); !upserted) return upserted.error();
  }
  if (!unit.journal.empty()) {
    if (auto appended = store.audit().append(unit.journal); !appended) return appended.error();
  }
  if (unit.record != nullptr) {
    if (auto saved = store.deliveries().update(*unit.record); !saved) return saved.error();
  }
  if (!unit.clicks.empty()) {
    auto ids = store.tracking().add_clicks(unit.clicks);
    if (!ids) return ids.error();
    if (auto counted = ids_for(*ids, unit.click_ids, "tracking_store::add_clicks"); !counted) return counted.error();
  }
  if (!unit.replies.empty()) {
    auto ids = store.replies().append(unit.replies);
    if (!ids) return ids.error();
    if (auto counted = ids_for(*ids, unit.reply_ids, "reply_store::append"); !counted) return counted.error();
  }
  return commit_status::committed;
}

SMSTRACK_END_NAMESPACE
