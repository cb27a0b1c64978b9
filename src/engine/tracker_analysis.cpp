// The tracker's analysis: runs the exclusion pipeline over a target, writes its verdicts as
// exclusion logs and pending delivery logs, and journals what it did (SPEC §3, §8, §11).
#include "tracker_impl.hpp"

#include "../targeting/exclusion_pipeline.hpp"

#include <smstrack/model/destination_region.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using engine_detail::content_facts;
using targeting_detail::loaded_rule;
using targeting_detail::target_verdicts;

// Parts a message should not exceed, as the control "message size approval" advises.
constexpr std::uint64_t advised_max_parts = 5;
constexpr std::string_view message_size_rule = "message size";

// The control rules: checks of the delivery itself that warn and exclude nobody.
std::vector<std::string> control_warnings(const delivery& d, std::uint64_t logs_created, const content_facts& content) {
  std::vector<std::string> warnings;
  if (logs_created == 0) warnings.emplace_back("the target has no address left to send to");
  if (d.content.empty()) warnings.emplace_back("the message content is empty");
  if (d.sender.empty()) warnings.emplace_back("no sender id is set");
  if (content.oversized > 0) {
    warnings.push_back(std::to_string(content.oversized) + " message(s) longer than " +
                       std::to_string(content.max_parts) + " part(s) excluded (text_too_long)");
  }
  if (content.messages.longest > advised_max_parts) {
    warnings.push_back("the longest message has " + std::to_string(content.messages.longest) + " parts (" +
                       std::to_string(advised_max_parts) + " or fewer advised)");
  }
  for (const std::string& url : content.links.personalized) {
    warnings.push_back("URL '" + url + "' is personalized: it is sent as written, not tracked");
  }
  return warnings;
}

analysis_report report_of(const delivery& d, std::span<const recipient> target, const target_verdicts& v,
                          const typology& rules, const content_facts& content) {
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
  report.warnings = control_warnings(d, report.logs_created, content);
  report.messages = content.messages;
  return report;
}

// Micro-units as an amount: "4.5", "0.045", "120".
std::string amount(std::uint64_t micro) {
  std::string fraction = std::to_string(1'000'000 + micro % 1'000'000).substr(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return std::to_string(micro / 1'000'000) + (fraction.empty() ? "" : "." + fraction);
}

// Writes the verdicts as rows, batch by batch: delivery logs numbered 1..n and exclusion logs
// numbered 1..m in the target's order. Every kept row's message is rendered first (the message
// size rule applies then), so that the budget rule knows what each message costs; then the rows
// are written.
class verdict_writer {
 public:
  verdict_writer(storage& store, delivery_id id, std::size_t batch, const message_renderer& renderer,
                 content_facts& content)
      : store_(store), id_(id), batch_(batch), renderer_(renderer), content_(content) {
    logs_.reserve(batch);
    exclusions_.reserve(batch);
  }

  /// Loads the message size rule, which excludes messages of more than `max_parts` parts.
  void limit_parts(target_verdicts& v, std::uint16_t max_parts) {
    content_.max_parts = max_parts;
    size_rule_ = v.load(message_size_rule, failure_reason::text_too_long, {});
  }

  /// Loads the budget rule: the messages, priced by `prices`, that pass `budget` micro-units
  /// are excluded, in the seeded order of `seed` (SPEC §13).
  void limit_budget(target_verdicts& v, const price_table& prices, std::uint64_t budget, std::uint64_t seed) {
    budget_ = {&prices, budget, seed};
    budget_rule_ = v.load(rule_names::budget, failure_reason::over_budget,
                          "beyond the budget of " + amount(budget) + " " + std::string(prices.currency()));
  }

  result<void> write(std::span<const recipient> target, target_verdicts& v, timestamp now,
                     indicator_counters& counters) {
    shapes_.assign(target.size(), {});
    for (std::size_t row = 0; row < target.size(); ++row) {
      if (!v.kept(row)) continue;
      if (auto sized = size_up(target[row], row, log_count_ + 1 + kept_so_far_, v); !sized) return sized;
      if (v.kept(row)) ++kept_so_far_;
    }
    const bool renumbered = budget_rule_ != 0 && exclude_over_budget(target, v) > 0;
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
      // A row the budget left out moved the later logs' ids, which their links carry: render again.
      if (renumbered) {
        if (auto again = render(r, log_count_ + 1, row); !again) return again;
      }
      if (auto added = add_log(r, row, v, now, counters); !added) return added;
    }
    if (auto done = flush_exclusions(); !done) return done;
    return flush_logs();
  }

 private:
  struct budget_rule {
    const price_table* prices = nullptr;
    std::uint64_t budget = 0;
    std::uint64_t seed = 0;
  };
  struct message_shape {
    std::uint16_t parts = 0;
    sms_encoding encoding = sms_encoding::gsm7;
  };
  static constexpr std::uint64_t budget_salt = 0xb0d9e7;

  result<void> add_log(const recipient& r, std::size_t row, const target_verdicts& v, timestamp now,
                       indicator_counters& counters) {
    delivery_log& log = logs_.emplace_back();
    log.delivery = id_;
    log.id = ++log_count_;
    log.recipient = r.key;
    log.address = v.numbers[row];
    log.seed = r.seed;
    log.updated = now;
    log.parts = shapes_[row].parts;
    log.encoding = shapes_[row].encoding;
    count_message(shapes_[row]);
    counters.add(digest_of(log));
    if (logs_.size() == batch_) return flush_logs();
    return {};
  }

  void count_message(const message_shape& shape) {
    message_summary& m = content_.messages;
    ++(shape.encoding == sms_encoding::gsm7 ? m.gsm7 : shape.encoding == sms_encoding::latin1 ? m.latin1 : m.ucs2);
    m.parts += shape.parts;
    m.longest = std::max<std::uint64_t>(m.longest, shape.parts);
  }

  result<void> flush_exclusions() {
    if (exclusions_.empty()) return {};
    auto done = store_.exclusions().insert(id_, exclusions_);
    exclusions_.clear();
    return done;
  }
  result<void> flush_logs() {
    if (logs_.empty()) return {};
    auto done = store_.logs().insert(id_, logs_);
    logs_.clear();
    return done;
  }

  // Renders the message the row's log `log` would carry and keeps its shape.
  result<void> render(const recipient& r, log_id log, std::size_t row) {
    message_.clear();
    auto counted = renderer_.render(log, r.fields, message_);
    if (!counted) return counted.error();
    shapes_[row] = {static_cast<std::uint16_t>(std::min<std::size_t>(counted->segments, 0xFFFF)), counted->encoding};
    return {};
  }

  // Renders the row's message and excludes it when it is longer than the message size rule
  // allows (seeds are never excluded).
  result<void> size_up(const recipient& r, std::size_t row, log_id log, target_verdicts& v) {
    if (auto rendered = render(r, log, row); !rendered) return rendered;
    const std::uint16_t parts = shapes_[row].parts;
    if (size_rule_ != 0 && parts > content_.max_parts && !r.seed) {
      v.exclude(row, size_rule_, "message of " + std::to_string(parts) + " parts, more than " +
                                     std::to_string(content_.max_parts));
      ++content_.oversized;
    }
    return {};
  }

  // The budget rule: the seeds' messages are paid first; then, in the seeded order, each message
  // that still fits the budget is kept and each that would pass it (or that no rule prices) is
  // excluded. Returns how many were excluded.
  std::size_t exclude_over_budget(std::span<const recipient> target, target_verdicts& v) {
    std::uint64_t spent = 0;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> ranked;  // rank, row
    for (std::size_t row = 0; row < target.size(); ++row) {
      if (!v.kept(row)) continue;
      if (target[row].seed) {
        spent += cost_of(v, row).value_or(0);
        continue;
      }
      ranked.emplace_back(targeting_detail::recipient_rank(v.numbers[row], target[row].key, budget_.seed, budget_salt),
                          static_cast<std::uint32_t>(row));
    }
    std::sort(ranked.begin(), ranked.end());
    std::size_t excluded = 0;
    for (const auto& [rank, row] : ranked) {
      const std::optional<std::uint64_t> cost = cost_of(v, row);
      if (!cost) {
        v.exclude(row, budget_rule_, "no price for " + v.numbers[row].to_string() + " on this connector");
      } else if (spent + *cost > budget_.budget || spent + *cost < spent) {
        v.exclude(row, budget_rule_);
      } else {
        spent += *cost;
        continue;
      }
      ++excluded;
    }
    return excluded;
  }

  std::optional<std::uint64_t> cost_of(const target_verdicts& v, std::size_t row) const {
    const message_shape& shape = shapes_[row];
    return budget_.prices->cost(region_of(v.numbers[row]), std::nullopt, shape.encoding, shape.parts);
  }

  storage& store_;
  delivery_id id_;
  std::size_t batch_;
  const message_renderer& renderer_;
  content_facts& content_;
  targeting_detail::rule_number size_rule_ = 0;
  targeting_detail::rule_number budget_rule_ = 0;
  budget_rule budget_;
  std::vector<message_shape> shapes_;  // each row's rendered message
  std::string message_;
  std::vector<delivery_log> logs_;
  std::vector<exclusion_log> exclusions_;
  log_id log_count_ = 0;
  log_id kept_so_far_ = 0;  // rows rendered and kept: the next one's provisional log id
  std::uint32_t exclusion_count_ = 0;
};

// The exclusion pipeline's questions about addresses, answered from the store.
class stored_address_facts final : public targeting_detail::address_facts {
 public:
  explicit stored_address_facts(storage& store) : store_(store) {}
  result<void> quarantine(std::span<const quarantine_key> keys, std::span<std::optional<quarantine_entry>> out) override {
    return store_.quarantine().get(keys, out);
  }
  result<void> history(std::span<const phone_number> addresses, const history_query& query,
                       std::span<address_history> out) override {
    return store_.logs().history(addresses, query, out);
  }

 private:
  storage& store_;
};

// The rules the analysis ran, so that the causes of exclusions list them all, zero included.
result<void> declare_rules(storage& store, delivery_id id, const target_verdicts& v) {
  std::vector<exclusion_rule> rules;
  for (const loaded_rule& rule : v.rules()) rules.push_back({rule.name, rule.reason});
  return store.exclusions().set_rules(id, rules);
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
  const timestamp at = now();
  rt.note(at, audit_severity::info, audit_code::rules_loaded,
       std::to_string(report.causes.size()) + " typology rule(s) loaded: " + rule_list(report),
       to_json_text(report.causes));
  for (const exclusion_cause& cause : report.causes) {
    rt.note(at, audit_severity::info, audit_code::exclusions_summary,
         "Rule '" + cause.rule + "': " + std::to_string(cause.count) + " address(es) excluded");
  }
  rt.note(at, audit_severity::info, audit_code::logs_created,
       std::to_string(report.logs_created) + " delivery log(s) created");
  rt.note(at, audit_severity::info, audit_code::content_frozen, "Content frozen for sending");
  for (const std::string& warning : report.warnings) {
    rt.note(at, audit_severity::warning, audit_code::analysis_warning, warning);
  }
  const auto elapsed = at - started;
  rt.note(at, audit_severity::info, audit_code::analysis_finished,
       std::string(report.proof ? "Proof analysis" : "Analysis") + " finished in " + format_duration(elapsed) + ": " +
           std::to_string(report.logs_created) + " message(s) waiting" +
           (report.warnings.empty() ? "" : ", with warnings"),
       to_json_text(report));
}

// The content's URL registry (from the URLs configured while editing) and the renderer of its
// messages; fails before the analysis changes anything.
result<message_renderer> tracker::impl::prepare_content(delivery_runtime& rt, content_facts& content) {
  auto parsed = message_template::parse(rt.record().content);
  if (!parsed) return parsed.error();
  auto configured = store().tracking().urls(rt.record().id);
  if (!configured) return configured.error();
  content.links = links_of(rt.record().id, *parsed, *configured);
  return rendering_of(rt.record(), content.links.urls);
}

result<void> tracker::impl::discard_analysis(delivery_runtime& rt) {
  if (auto erased = store().logs().erase(rt.record().id); !erased) return erased.error();
  if (auto erased = store().exclusions().erase(rt.record().id); !erased) return erased.error();
  rt.forget_logs();
  return {};
}

namespace {

// Whether the delivery may be analysed and the target's fields stored: checked before any work.
result<void> check_analysable(delivery_state state, std::span<const recipient> target, std::size_t max_field_bytes) {
  if (!can_analyse(state)) return check_transition(state, delivery_state::targeting_pending).error();
  // The states an analysis walks through.
  if (auto legal = check_path(state, {delivery_state::targeting_pending, delivery_state::counting,
                                      delivery_state::target_ready, delivery_state::personalization_pending,
                                      delivery_state::personalization, delivery_state::message_ready,
                                      delivery_state::ready});
      !legal) {
    return legal;
  }
  for (std::size_t row = 0; row < target.size(); ++row) {
    if (auto ok = check_fields(target[row].fields, max_field_bytes); !ok) {
      return error{errc::invalid_text, "recipient " + std::to_string(row) + ": " + ok.error().detail()};
    }
  }
  return {};
}

}  // namespace

result<analysis_report> tracker::impl::analyse(delivery_runtime& rt, std::span<const recipient> target,
                                               const typology& rules) {
  if (auto ok = check_analysable(rt.record().state, target, options.max_field_bytes); !ok) return ok.error();
  if (rules.settings.budget > 0 && !rules.proof && !connectors.prices_of(rt.record().settings.connector)) {
    return error{errc::invalid_settings, "a budget needs the prices of connector '" + rt.record().settings.connector +
                                             "' (connector_profile::prices)"};
  }
  content_facts content;
  auto renderer = prepare_content(rt, content);
  if (!renderer) return renderer.error();
  const timestamp started = now();
  if (rt.record().state != delivery_state::editing) {
    if (auto discarded = discard_analysis(rt); !discarded) return discarded.error();
    rt.note(started, audit_severity::info, audit_code::analysis_discarded, "Previous analysis discarded");
  }
  if (auto moved = rt.move(store(), {delivery_state::targeting_pending}, started); !moved) return moved.error();
  rt.note(started, audit_severity::info, audit_code::analysis_started,
          std::string(rules.proof ? "Proof analysis" : "Analysis") + " started on " + std::to_string(target.size()) +
              " recipient(s)");
  indicator_counters counters;
  auto report = write_analysis(rt, target, rules, *renderer, content, started, counters);
  if (!report) return fail_analysis(rt, report.error());
  if (auto recorded = record_analysis(rt, *report, std::move(counters)); !recorded) return fail_analysis(rt, recorded.error());
  journal_analysis(rt, *report, started);
  const approval_mode approval = rt.record().settings.approval;
  if (approval == approval_mode::automatic ||
      (approval == approval_mode::semi_automatic && report->warnings.empty())) {
    if (auto begun = start(rt, "automatic approval"); !begun) return begun.error();
  }
  report->state = rt.record().state;
  if (auto flushed = rt.flush_journal(store()); !flushed) return flushed.error();
  return report;
}

// Runs the rules, registers the URLs, writes the exclusion and delivery logs (counted into
// `counters`) and the rules that ran; what the analysis did.
result<analysis_report> tracker::impl::write_analysis(delivery_runtime& rt, std::span<const recipient> target,
                                                      const typology& rules, const message_renderer& renderer,
                                                      content_facts& content, timestamp started,
                                                      indicator_counters& counters) {
  stored_address_facts facts(store());
  auto verdicts = targeting_detail::decide_exclusions({facts, rt.record(), target, rules, started, options.write_batch});
  if (!verdicts) return verdicts.error();
  if (auto registered = store().tracking().replace_urls(rt.record().id, content.links.urls); !registered) {
    return registered.error();
  }
  verdict_writer writer(store(), rt.record().id, options.write_batch, renderer, content);
  if (rt.record().settings.max_parts > 0) writer.limit_parts(*verdicts, rt.record().settings.max_parts);
  const auto prices = connectors.prices_of(rt.record().settings.connector);  // kept alive until written
  if (rules.settings.budget > 0 && !rules.proof) {
    if (!prices) return error{errc::invalid_settings, "the connector's prices were removed during the analysis"};
    writer.limit_budget(*verdicts, *prices, rules.settings.budget, rules.seed);
  }
  if (auto written = writer.write(target, *verdicts, started, counters); !written) return written.error();
  if (auto declared = declare_rules(store(), rt.record().id, *verdicts); !declared) return declared.error();
  return report_of(rt.record(), target, *verdicts, rules, content);
}

// Stores the analysed delivery (ready) and takes its counters.
result<void> tracker::impl::record_analysis(delivery_runtime& rt, const analysis_report& report,
                                            indicator_counters counters) {
  delivery next = rt.record();
  next.state = delivery_state::ready;
  const timestamp analysed = now();
  next.analysed = analysed;
  next.initial_population = report.initial_population;
  next.rejected = report.rejected;
  next.messages = report.messages;
  if (auto saved = rt.save(store(), std::move(next), analysed); !saved) return saved;
  rt.adopt_analysis(std::move(counters), report.initial_population, report.rejected);
  return {};
}

error tracker::impl::fail_analysis(delivery_runtime& rt, error cause) {
  (void)discard_analysis(rt);
  delivery next = rt.record();
  next.state = delivery_state::preparation_failed;
  const timestamp at = now();
  (void)rt.save(store(), std::move(next), at);
  rt.note(at, audit_severity::error, audit_code::storage_error, "Analysis failed: " + cause.message());
  (void)rt.flush_journal(store());
  return cause;
}

SMSTRACK_END_NAMESPACE
