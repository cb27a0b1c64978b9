// The tracker's analysis: runs the exclusion pipeline over a target, writes its verdicts as
// exclusion logs and pending delivery logs, and journals what it did (SPEC §3, §8, §11).
#include "tracker_impl.hpp"

#include "../targeting/exclusion_pipeline.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace {

using targeting_detail::loaded_rule;
using targeting_detail::target_verdicts;

// The control rules: checks of the delivery itself that warn and exclude nobody.
std::vector<std::string> control_warnings(const delivery& d, std::uint64_t logs_created) {
  std::vector<std::string> warnings;
  if (logs_created == 0) warnings.emplace_back("the target has no address left to send to");
  if (d.content.empty()) warnings.emplace_back("the message content is empty");
  if (d.sender.empty()) warnings.emplace_back("no sender id is set");
  return warnings;
}

analysis_report report_of(const delivery& d, std::span<const recipient> target, const target_verdicts& v,
                          const typology& rules) {
  analysis_report report;
  report.proof = rules.proof;
  for (std::size_t row = 0; row < target.size(); ++row) {
    const bool kept = v.kept(row);
    if (target[row].seed) ++report.seeds;
    else {
      ++report.initial_population;
      if (!kept) ++report.rejected;
    }
    if (kept) ++report.logs_created;
  }
  report.to_deliver = report.initial_population - report.rejected;
  for (const loaded_rule& rule : v.rules()) report.causes.push_back({rule.name, rule.reason, rule.volume});
  report.warnings = control_warnings(d, report.logs_created);
  return report;
}

// Writes the verdicts as rows, batch by batch: delivery logs numbered 1..n and exclusion logs
// numbered 1..m in the target's order.
class verdict_writer {
 public:
  verdict_writer(tracker::impl& self, delivery_id id, std::size_t batch) : self_(self), id_(id), batch_(batch) {
    logs_.reserve(batch);
    exclusions_.reserve(batch);
  }

  result<void> write(std::span<const recipient> target, const target_verdicts& v, timestamp now,
                     indicator_counters& counters) {
    for (std::size_t row = 0; row < target.size(); ++row) {
      const recipient& r = target[row];
      if (const loaded_rule* rule = v.rule_of(row)) {
        exclusions_.push_back({id_, ++exclusion_count_, r.key, r.address, rule->reason, rule->name,
                               std::string(v.text_of(row)), now});
        if (exclusions_.size() == batch_) {
          if (auto done = flush_exclusions(); !done) return done;
        }
        continue;
      }
      delivery_log& log = logs_.emplace_back();
      log.delivery = id_;
      log.id = ++log_count_;
      log.recipient = r.key;
      log.address = v.numbers[row];
      log.seed = r.seed;
      log.updated = now;
      counters.add(digest_of(log));
      if (logs_.size() == batch_) {
        if (auto done = flush_logs(); !done) return done;
      }
    }
    if (auto done = flush_exclusions(); !done) return done;
    return flush_logs();
  }

 private:
  result<void> flush_exclusions() {
    if (exclusions_.empty()) return {};
    auto done = guarded([&] { return self_.store.exclusions().insert(id_, exclusions_); });
    exclusions_.clear();
    return done;
  }
  result<void> flush_logs() {
    if (logs_.empty()) return {};
    auto done = guarded([&] { return self_.store.logs().insert(id_, logs_); });
    logs_.clear();
    return done;
  }

  tracker::impl& self_;
  delivery_id id_;
  std::size_t batch_;
  std::vector<delivery_log> logs_;
  std::vector<exclusion_log> exclusions_;
  log_id log_count_ = 0;
  std::uint32_t exclusion_count_ = 0;
};

// The rules the analysis ran, so that the causes of exclusions list them all, zero included.
result<void> declare_rules(tracker::impl& self, delivery_id id, const target_verdicts& v) {
  std::vector<exclusion_rule> rules;
  for (const loaded_rule& rule : v.rules()) rules.push_back({rule.name, rule.reason});
  return guarded([&] { return self.store.exclusions().set_rules(id, rules); });
}

std::string rule_list(const analysis_report& report) {
  std::string names;
  for (const exclusion_cause& cause : report.causes) {
    if (!names.empty()) names += ", ";
    names += cause.rule;
  }
  return names;
}

}  // namespace

void tracker::impl::journal_analysis(delivery_runtime& rt, const analysis_report& report, timestamp started) {
  note(rt, audit_severity::info, audit_code::rules_loaded,
       std::to_string(report.causes.size()) + " typology rule(s) loaded: " + rule_list(report),
       to_json_text(report.causes));
  for (const exclusion_cause& cause : report.causes) {
    note(rt, audit_severity::info, audit_code::exclusions_summary,
         "Rule '" + cause.rule + "': " + std::to_string(cause.count) + " address(es) excluded");
  }
  note(rt, audit_severity::info, audit_code::logs_created,
       std::to_string(report.logs_created) + " delivery log(s) created");
  note(rt, audit_severity::info, audit_code::content_frozen, "Content frozen for sending");
  for (const std::string& warning : report.warnings) {
    note(rt, audit_severity::warning, audit_code::analysis_warning, warning);
  }
  const auto elapsed = clock.now() - started;
  note(rt, audit_severity::info, audit_code::analysis_finished,
       std::string(report.proof ? "Proof analysis" : "Analysis") + " finished in " + format_duration(elapsed) + ": " +
           std::to_string(report.logs_created) + " message(s) waiting" +
           (report.warnings.empty() ? "" : ", with warnings"),
       to_json_text(report));
}

result<void> tracker::impl::discard_analysis(delivery_runtime& rt) {
  if (auto erased = guarded([&] { return store.logs().erase(rt.record.id); }); !erased) return erased.error();
  if (auto erased = guarded([&] { return store.exclusions().erase(rt.record.id); }); !erased) return erased.error();
  rt.counters.clear();
  rt.counts.initial_population = 0;
  rt.counts.rejected = 0;
  return {};
}

result<analysis_report> tracker::impl::analyse(delivery_runtime& rt, std::span<const recipient> target,
                                               const typology& rules) {
  if (!can_analyse(rt.record.state)) return check_transition(rt.record.state, delivery_state::targeting_pending).error();
  // The states an analysis walks through: checked before any work is done.
  if (auto legal = check_path(rt.record.state, {delivery_state::targeting_pending, delivery_state::counting,
                                                delivery_state::target_ready, delivery_state::personalization_pending,
                                                delivery_state::personalization, delivery_state::message_ready,
                                                delivery_state::ready});
      !legal) {
    return legal.error();
  }
  const timestamp started = clock.now();
  if (rt.record.state != delivery_state::editing) {
    if (auto discarded = discard_analysis(rt); !discarded) return discarded.error();
    note(rt, audit_severity::info, audit_code::analysis_discarded, "Previous analysis discarded");
  }
  if (auto moved = move(rt, {delivery_state::targeting_pending}); !moved) return moved.error();
  note(rt, audit_severity::info, audit_code::analysis_started,
       std::string(rules.proof ? "Proof analysis" : "Analysis") + " started on " + std::to_string(target.size()) +
           " recipient(s)");
  auto verdicts = targeting_detail::decide_exclusions({store, rt.record, target, rules, started, options.write_batch});
  if (!verdicts) return fail_analysis(rt, verdicts.error());
  indicator_counters counters;
  if (auto written = verdict_writer(*this, rt.record.id, options.write_batch).write(target, *verdicts, started, counters);
      !written) {
    return fail_analysis(rt, written.error());
  }
  if (auto declared = declare_rules(*this, rt.record.id, *verdicts); !declared) return fail_analysis(rt, declared.error());
  analysis_report report = report_of(rt.record, target, *verdicts, rules);
  delivery next = rt.record;
  next.state = delivery_state::ready;
  next.analysed = clock.now();
  next.initial_population = report.initial_population;
  next.rejected = report.rejected;
  if (auto saved = save(rt, std::move(next)); !saved) return fail_analysis(rt, saved.error());
  rt.counters = std::move(counters);
  rt.counts.initial_population = report.initial_population;
  rt.counts.rejected = report.rejected;
  rt.loaded = true;
  journal_analysis(rt, report, started);
  const approval_mode approval = rt.record.settings.approval;
  if (approval == approval_mode::automatic ||
      (approval == approval_mode::semi_automatic && report.warnings.empty())) {
    if (auto begun = start(rt, "automatic approval"); !begun) return begun.error();
  }
  report.state = rt.record.state;
  if (auto flushed = flush_journal(rt); !flushed) return flushed.error();
  return report;
}

error tracker::impl::fail_analysis(delivery_runtime& rt, error cause) {
  (void)discard_analysis(rt);
  delivery next = rt.record;
  next.state = delivery_state::preparation_failed;
  (void)save(rt, std::move(next));
  note(rt, audit_severity::error, audit_code::storage_error, "Analysis failed: " + cause.message());
  (void)flush_journal(rt);
  return cause;
}

SMSTRACK_END_NAMESPACE
