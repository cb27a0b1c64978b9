// Renders smstrack views as plain-text tables for terminal examples. Example code: it writes to
// a std::ostream, which the core library never does.
#pragma once

#include <smstrack/views/labels.hpp>
#include <smstrack/views/audit_view.hpp>
#include <smstrack/views/causes_view.hpp>
#include <smstrack/views/exclusions_view.hpp>
#include <smstrack/views/routes_view.hpp>
#include <smstrack/views/sms_view.hpp>
#include <smstrack/views/summary_view.hpp>
#include <smstrack/views/tracking_view.hpp>

#include <algorithm>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

namespace smstrack::examples {

// Display width of UTF-8 text: one column per code point.
inline std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

class text_table {
 public:
  explicit text_table(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }

  void print(std::ostream& out) const {
    std::vector<std::size_t> widths(rows_.front().size(), 0);
    for (const auto& row : rows_) {
      for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    }
    const auto rule = [&] {
      out << '+';
      for (const std::size_t w : widths) out << std::string(w + 2, '-') << '+';
      out << '\n';
    };
    rule();
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      out << '|';
      for (std::size_t c = 0; c < widths.size(); ++c) {
        const std::string& cell = c < rows_[r].size() ? rows_[r][c] : std::string();
        out << ' ' << cell << std::string(widths[c] - display_width(cell) + 1, ' ') << '|';
      }
      out << '\n';
      if (r == 0) rule();
    }
    rule();
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

inline std::string percent(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", value);
  return buffer;
}

// A latency read from a histogram bucket, in seconds ("1.0 s"); "-" when nothing was measured.
inline std::string seconds(duration d) {
  if (d == duration::zero()) return "-";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", static_cast<double>(d.count()) / 1000.0);
  return buffer;
}

inline std::string number(std::uint64_t value) {
  std::string digits = std::to_string(value);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), " ");
  return digits;
}

// An amount of micro-units of a currency ("12.35 EUR"); "-" without a price table.
inline std::string money(std::uint64_t micro, const std::string& currency) {
  if (currency.empty()) return "-";
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f %s", static_cast<double>(micro) / 1e6, currency.c_str());
  return buffer;
}

inline void print_summary(std::ostream& out, const summary_view& view, language lang) {
  out << "== " << label(view_name::summary, lang) << " — " << view.label << " (" << label(view.state, lang) << ") ==\n";
  const indicators& f = view.figures;
  text_table counters({"Indicator", "Count", "% of to deliver"});
  counters.add({"Initial population", number(f.initial_population), ""});
  counters.add({"Rejected by rules", number(f.rejected), ""});
  counters.add({"To deliver", number(f.to_deliver), "100.0 %"});
  counters.add({"Sent", number(f.sent), ""});
  counters.add({"Processed", number(f.processed), percent(f.processed_rate)});
  counters.add({"Success", number(f.success), percent(f.success_rate)});
  counters.add({"  of which received on mobile", number(f.delivered), percent(f.delivered_rate)});
  counters.add({"Errors", number(f.errors), percent(f.error_rate)});
  counters.add({"  hard bounces", number(f.hard_bounces), ""});
  counters.add({"  soft bounces", number(f.soft_bounces), ""});
  counters.add({"Pending", number(f.pending), ""});
  counters.add({"Canceled", number(f.canceled), ""});
  counters.add({"Final receipts", number(f.final_receipts) + " of " + number(f.acknowledged) + " acked",
                percent(f.receipt_coverage) + " coverage"});
  counters.add({"Submit to ack", "median " + seconds(f.submit_to_ack.p50), "p95 " + seconds(f.submit_to_ack.p95)});
  counters.add({"Ack to final receipt", "median " + seconds(f.ack_to_final.p50), "p95 " + seconds(f.ack_to_final.p95)});
  counters.add({"Cost estimated at analysis", money(f.cost.estimated, f.cost.currency), ""});
  counters.add({"Cost of what was submitted", money(f.cost.submitted, f.cost.currency),
                "failed: " + money(f.cost.failed, f.cost.currency)});
  counters.add({"New quarantines", number(f.new_quarantines), percent(f.new_quarantine_rate)});
  counters.add({"Opt-outs", number(f.opt_outs), ""});
  counters.add({"Clicks", number(f.clicks), ""});
  counters.add({"  by people", number(f.human_clicks), ""});
  counters.add({"  by link previews, scanners, bots", number(f.clicks_by_class.non_human()), ""});
  counters.add({"Distinct clicks (people)", number(f.distinct_clicks), ""});
  counters.add({"Click-through rate", "", percent(f.click_through_rate) + " of success"});
  counters.add({"Seed addresses", number(f.seeds), ""});
  counters.print(out);

  text_table errors({"Failure type", "Reason", "Count"});
  for (const failure_count& e : f.errors_by_reason) {
    errors.add({std::string(label(e.type, lang)), std::string(label(e.reason, lang)), number(e.count)});
  }
  out << "Errors by reason\n";
  errors.print(out);

  for (const throughput_series& series : view.throughput) {
    if (series.scale != throughput_scale::one_hour) continue;
    text_table chart({"From (UTC)", "Success / h", "Errors / h", ""});
    double peak = 1;
    for (const auto& p : series.points) peak = std::max(peak, p.success_per_hour + p.errors_per_hour);
    for (const auto& p : series.points) {
      const auto bar = static_cast<std::size_t>(30.0 * (p.success_per_hour + p.errors_per_hour) / peak);
      chart.add({format_timestamp(p.start).substr(11, 5), number(static_cast<std::uint64_t>(p.success_per_hour)),
                 number(static_cast<std::uint64_t>(p.errors_per_hour)), std::string(bar, '#')});
    }
    out << "Throughput, last " << label(series.scale, lang) << '\n';
    chart.print(out);
  }
}

inline void print_exclusions(std::ostream& out, const exclusions_view& view, language lang) {
  out << "== " << label(view_name::delivery, lang) << " — " << label(sub_view_name::exclusion_logs, lang) << " ==\n";
  text_table rows({"#", "Address", "Reason", "Rule", "Text"});
  for (const exclusion_log& e : view.exclusions) {
    rows.add({std::to_string(e.id), e.address.empty() ? "(none)" : e.address, std::string(label(e.reason, lang)), e.rule,
              e.text});
  }
  rows.print(out);
}

inline void print_causes(std::ostream& out, const causes_view& view, language lang) {
  out << "== " << label(view_name::audit, lang) << " — " << label(sub_view_name::causes_of_exclusion, lang) << " ==\n";
  text_table causes({"Rule", "Reason", "Excluded"});
  for (const exclusion_cause& c : view.causes) causes.add({c.rule, std::string(label(c.reason, lang)), number(c.count)});
  causes.add({"Total", "", number(view.excluded)});
  causes.print(out);
}

inline void print_sms(std::ostream& out, const sms_view& view, language lang) {
  out << "== " << label(view_name::sms, lang) << (view.frozen ? " (read-only: sending has started)" : "") << " ==\n";
  out << "From " << (view.sender.empty() ? "(connector default)" : view.sender) << ": " << view.content << '\n';
  text_table facts({"", ""});
  facts.add({"As written", std::string(label(view.preview_count.encoding, lang)) + ", " +
                               std::to_string(view.preview_count.units) + " units, " +
                               std::to_string(view.preview_count.segments) + " part(s)"});
  std::string outside;
  for (const text_character& c : view.outside_gsm7) {
    outside += (outside.empty() ? "" : " ") + view.preview.substr(c.offset, c.bytes);
  }
  facts.add({"Characters forcing UCS-2", outside.empty() ? "(none)" : outside});
  std::string fields;
  for (const std::string& f : view.fields) fields += (fields.empty() ? "" : ", ") + f;
  facts.add({"Personalization fields", fields.empty() ? "(none)" : fields});
  facts.add({"Transliteration", view.transliterate ? "on" : "off"});
  facts.add({"Max parts per message", view.max_parts == 0 ? "unlimited" : std::to_string(view.max_parts)});
  facts.add({"Tracking host", view.tracking_host.empty() ? "(links not tracked)" : view.tracking_host});
  const message_summary& m = view.messages;
  facts.add({"Personalized messages", number(m.gsm7 + m.latin1 + m.ucs2) + " (" + number(m.gsm7) + " GSM-7, " +
                                          number(m.ucs2) + " UCS-2)"});
  facts.add({"Parts billed", number(m.parts) + ", longest message " + std::to_string(m.longest) + " part(s)"});
  facts.print(out);
}

inline void print_tracking(std::ostream& out, const tracking_view& view, language lang) {
  out << "== " << label(view_name::tracking, lang) << " — " << label(sub_view_name::tracked_urls, lang) << " ==\n";
  text_table urls({"#", "Label", "Type", "Source URL", "Clicks", "By people", "Distinct"});
  for (const url_clicks& u : view.urls) {
    urls.add({std::to_string(u.url.id), u.url.label, std::string(label(u.url.type, lang)), u.url.source_url,
              number(u.clicks), number(u.by_class.human), number(u.distinct_clicks)});
  }
  urls.print(out);
  out << "Clicks " << number(view.clicks) << " (by people " << number(view.human_clicks) << "), distinct "
      << number(view.distinct_clicks) << ", click-through rate " << percent(view.click_through_rate) << ", opt-outs "
      << number(view.opt_outs) << '\n';
  text_table classes({"Clicked by", "Clicks"});
  for (const click_class kind : {click_class::human, click_class::link_preview, click_class::security_scanner,
                                 click_class::crawler, click_class::prefetch}) {
    classes.add({std::string(label(kind, lang)), number(view.by_class[kind])});
  }
  classes.print(out);
  out << "== " << label(view_name::tracking, lang) << " — " << label(sub_view_name::tracking_logs, lang) << " ==\n";
  text_table logs({"Time (UTC)", "Log", "URL", "Clicked by", "User agent"});
  for (const click& c : view.click_logs) {
    logs.add({format_timestamp(c.time).substr(0, 19), std::to_string(c.log), std::to_string(c.url),
              std::string(label(c.kind, lang)), c.user_agent.value_or("").substr(0, 48)});
  }
  logs.print(out);
}

inline void print_journal(std::ostream& out, const audit_view& view, language lang) {
  out << "== " << label(view_name::audit, lang) << " — " << label(sub_view_name::journal, lang) << " ==\n";
  text_table journal({"Time (UTC)", "Severity", "Event", "Message"});
  for (const audit_event& e : view.events) {
    journal.add({format_timestamp(e.time).substr(0, 19), std::string(label(e.severity, lang)),
                 std::string(label(e.code, lang)), e.message});
  }
  journal.print(out);
}

// Delivery › Routes: each connector's totals, then its routes by country and network.
inline void print_routes(std::ostream& out, const routes_view& view, language lang) {
  out << "== " << label(view_name::delivery, lang) << " — " << label(sub_view_name::routes, lang) << " ==\n";
  const auto add = [](text_table& table, const route_health& r, std::string where) {
    table.add({std::move(where), number(r.messages), percent(r.delivered_rate), number(r.errors),
               percent(r.receipt_coverage), number(r.receipt_timeouts), seconds(r.submit_to_ack.p50),
               seconds(r.ack_to_final.p50), seconds(r.ack_to_final.p95), money(r.cost.submitted, r.cost.currency)});
  };
  text_table table({"Route", "Messages", "Delivered", "Errors", "Receipts", "Timeouts", "Ack p50", "Final p50",
                    "Final p95", "Cost"});
  for (const route_health& connector : view.connectors) {
    add(table, connector, connector.connector);
    for (const route_health& r : view.routes) {
      if (r.connector != connector.connector) continue;
      add(table, r, "  " + (r.region.empty() ? std::string("?") : r.region) + " " +
                        (r.network.known() ? r.network.to_string() : std::string("network unknown")));
    }
  }
  table.print(out);
}

}  // namespace smstrack::examples
