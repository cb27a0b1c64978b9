// The smstrack demonstration: a realistic simulated SMS campaign, on the in-memory store or on
// a database (--store).
//
// 12 000 recipients in five countries (national and international numbers, duplicates, missing
// and malformed numbers, landlines, seed addresses, addresses in quarantine, denylisted or opted
// out, recipients of last week's newsletter) are analysed under a typology that exercises every
// exclusion rule; the delivery is started, sent in batches by a simulated gateway whose provider
// acks (on_ack) and carrier receipts (on_receipts, qualified by the operator's table, so unknown
// subscribers go to quarantine) arrive over the following minutes, failed messages are resent
// when their retry is due, and it is paused and resumed once. Each
// message is personalized with the recipient's first name and carries two signed tracking links
// (the offer, and an opt-out link); some recipients click them, some reply STOP (and one START
// again). Acks name each message's network (as an HLR look-up gives it), both connectors have a
// price list, and a reminder to a fifth of the audience goes out on a cheaper route of lower
// quality. The Summary (with route health and cost), SMS, Tracking, Exclusions, Causes of
// exclusions, the Routes of both deliveries and the launch's Journal are printed as text tables
// and the whole dashboard is written as JSON.
//
//   smstrack-demo [--out FILE] [--lang en|de|fr|it|es|nl] [--recipients N] [--seed N]
//                 [--store memory|sqlite:PATH|postgres:CONNINFO]
#include <smstrack/engine/tracker.hpp>
#include <smstrack/model/json.hpp>
#include <smstrack/store/keyring.hpp>
#include <smstrack/views/dashboard.hpp>

#include "dashboard_text.hpp"
#include "store_option.hpp"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace smstrack;

struct demo_options {
  std::string out = "smstrack-dashboard.json";
  language lang = language::en;
  std::size_t recipients = 12'000;
  std::uint32_t seed = 2026;
  std::string store = "memory";
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "smstrack-demo: " << problem << "\n"
            << "usage: smstrack-demo [--out FILE] [--lang en|de|fr|it|es|nl] [--recipients N] [--seed N]\n"
               "                     [--store memory|sqlite:PATH|postgres:CONNINFO]\n";
  std::exit(2);
}

demo_options parse_options(int argc, char** argv) {
  demo_options options;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--out") {
      options.out = value;
    } else if (flag == "--store") {
      options.store = value;
    } else if (flag == "--lang") {
      auto lang = parse_language(value);
      if (!lang) usage(lang.error().message());
      options.lang = *lang;
    } else if (flag == "--recipients" || flag == "--seed") {
      char* end = nullptr;
      const unsigned long n = std::strtoul(value.c_str(), &end, 10);
      if (end == value.c_str() || *end != '\0' || n == 0 || n > 10'000'000) usage("bad number: " + value);
      if (flag == "--recipients") options.recipients = n;
      else options.seed = static_cast<std::uint32_t>(n);
    } else {
      usage("unknown option " + flag);
    }
  }
  return options;
}

// A first name as a marketing database holds it: mostly plain, some with letters outside GSM-7
// (transliterated, or in Cyrillic: sent in UCS-2), and rarely a whole paragraph pasted by mistake.
std::string first_name(std::mt19937& random) {
  const char* names[] = {"Emma", "Lucas", "Zoë", "Jürgen", "Łukasz", "Sofía", "Giulia", "Noé", "Daan", "Анна"};
  if (random() % 500 == 0) return std::string(400, 'x');
  return names[random() % std::size(names)];
}

// A target as a marketing database would hand it over: mostly valid mobile numbers, some
// duplicates, some missing, malformed or in French national format, a few French landlines, and
// a few seed addresses.
std::vector<recipient> make_target(std::size_t count, std::mt19937& random) {
  struct country {
    const char* prefix;
    std::uint64_t span;
  };
  const country countries[] = {{"+336", 100'000'000}, {"+4915", 1'000'000'000}, {"+316", 100'000'000},
                               {"+393", 1'000'000'000}, {"+346", 100'000'000}};
  std::vector<recipient> target;
  target.reserve(count + 5);
  std::uniform_real_distribution<double> roll(0.0, 1.0);
  for (std::size_t i = 0; i < count; ++i) {
    recipient r;
    r.key = 100'000 + i;
    const double kind = roll(random);
    if (kind < 0.004) {
      r.address = "";
    } else if (kind < 0.010) {
      r.address = "06 " + std::to_string(10 + random() % 89) + " " + std::to_string(10 + random() % 89);
    } else if (kind < 0.030) {
      r.address = "06 " + std::to_string(10'00'00'00 + random() % 89'99'99'99).insert(6, " ").insert(4, " ").insert(2, " ");
    } else if (kind < 0.036) {
      r.address = "01 42 " + std::to_string(10'00'00 + random() % 89'99'99).insert(2, " ");
    } else if (kind < 0.054 && !target.empty()) {
      r.address = target[random() % target.size()].address;
    } else {
      const country& c = countries[random() % std::size(countries)];
      std::string digits = std::to_string(c.span + random() % c.span).substr(1);
      r.address = c.prefix + digits;
    }
    r.fields = {{"first_name", first_name(random)}};
    target.push_back(std::move(r));
  }
  for (std::uint64_t s = 0; s < 5; ++s) {
    target.push_back({1 + s, "+3361000000" + std::to_string(s), true, {{"first_name", "Seed"}}});
  }
  return target;
}

// Knows French numbers well enough for a demonstration: +331 to +335 and +339 are landlines,
// +336 and +337 mobiles. Link smstrack::phonenumber for a validator that knows every region.
class demo_validator final : public address_validator {
 public:
  void check(std::span<const phone_number> numbers, std::span<address_verdict> out) const override {
    for (std::size_t i = 0; i < numbers.size(); ++i) {
      const std::string text = numbers[i].to_string();
      if (text.rfind("+33", 0) != 0) out[i] = {};
      else if (text[3] == '6' || text[3] == '7') out[i] = {true, number_type::mobile};
      else out[i] = {true, number_type::fixed_line};
    }
  }
};

// What the store knows before this campaign: quarantined, denylisted and opted-out addresses
// of earlier campaigns, and last week's newsletter to part of the same audience.
void seed_history(tracker& engine, storage& store, manual_clock& clock, const std::vector<recipient>& target,
                  std::mt19937& random) {
  std::vector<quarantine_entry> entries;
  std::vector<recipient> newsletter;
  for (const recipient& r : target) {
    const auto number = phone_number::parse(r.address);
    if (!number || r.seed) continue;
    const auto roll = static_cast<std::uint32_t>(random() % 1000);
    quarantine_entry entry;
    entry.address = *number;
    entry.created = entry.updated = clock.now();
    if (roll < 15) {
      entry.status = quarantine_status::quarantine;
      entry.error_count = 6;
      entry.last_error_reason = failure_reason::unreachable;
    } else if (roll < 20) {
      entry.status = quarantine_status::denylisted;
      entry.last_error_reason = failure_reason::user_unknown;
    } else if (roll < 28) {
      entry.status = quarantine_status::denylisted;
      entry.short_code = "36111";
      entry.last_error_reason = failure_reason::opted_out;
    } else if (roll < 60) {
      newsletter.push_back(r);
    }
    if (entry.status != quarantine_status::unknown) entries.push_back(std::move(entry));
  }
  store.quarantine().upsert(entries).value();
  const delivery_id earlier = engine.create_delivery({"Weekly newsletter", "This week at ACME", "ACME", {}}).value();
  (void)engine.analyse(earlier, newsletter).value();
  engine.start(earlier, "marketing@acme.example").value();
}

// The campaign's typology: French national numbers, mobiles only, no closed accounts, at most one
// message in 10 days, at most 10 500 messages, and a 2 % control group.
typology campaign_typology() {
  typology rules;
  rules.numbering = {"33", "0", "00"};
  rules.validator = std::make_shared<demo_validator>();
  rules.settings.exclude_non_mobile = true;
  rules.settings.limit_delivery_size = 10'500;
  rules.filters.push_back(make_filter_rule("closed accounts", [](const recipient& r, phone_number) {
    return r.key % 211 == 0;
  }));
  rules.pressure.push_back({"one message in 10 days", 1, std::chrono::hours{24 * 10}});
  rules.control.percent = 2;
  rules.seed = 2026;
  return rules;
}

// Recipients answer: about 1 % of those who received the message reply STOP in some form, a few
// write something else, and one of them changes their mind (START).
void simulate_replies(tracker& engine, delivery_id id, std::mt19937& random) {
  const auto received = engine.logs(id, {log_status::received_on_mobile, 0, 10'000}).value();
  const char* stops[] = {"STOP", "stop", "Stop please", "STOP!", "unsubscribe", "arret"};
  const char* others[] = {"Thanks!", "Is the offer valid in stores?", "ok"};
  std::string last_stop;
  for (const delivery_log& log : received) {
    const std::string from = log.address.to_string().substr(1);  // as SMPP source_addr gives it
    const auto roll = random() % 1000;
    if (roll < 10) {
      engine.on_reply({from, "36111", stops[random() % std::size(stops)], std::nullopt}).value();
      last_stop = from;
    } else if (roll < 13) {
      engine.on_reply({from, "36111", others[random() % std::size(others)], std::nullopt}).value();
    }
  }
  if (!last_stop.empty()) engine.on_reply({last_stop, "36111", "START", std::nullopt}).value();
}

// Recipients whose message arrived open its links: about 7 % the offer (a third of them twice,
// on another device), a few the opt-out link. The tracking host hands each click's token over.
void simulate_clicks(tracker& engine, delivery_id id, const std::map<log_id, std::string>& messages,
                     const manual_clock& clock, std::mt19937& random) {
  const char* phones[] = {
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 "
      "Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 15; Pixel 9) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile "
      "Safari/537.36",
      "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 "
      "Chrome/122.0.0.0 Mobile Safari/537.36"};
  // The link-preview fetchers of the apps a recipient forwards the offer with.
  const char* imessage =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 "
      "Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0";
  const char* previews[] = {"WhatsApp/2.24.22.79 A", "TelegramBot (like TwitterBot)", imessage};
  const auto received = engine.logs(id, {log_status::received_on_mobile, 0, 10'000}).value();
  const std::string_view link = "https://t.acme.example/";
  for (const delivery_log& log : received) {
    const auto message = messages.find(log.id);
    if (message == messages.end()) continue;
    std::vector<std::string_view> tokens;  // the offer's, then the opt-out's
    for (std::size_t at = message->second.find(link); at != std::string::npos; at = message->second.find(link, at + 1)) {
      const std::size_t start = at + link.size();
      tokens.push_back(std::string_view(message->second).substr(start, message->second.find(' ', start) - start));
    }
    const auto roll = random() % 1000;
    const std::size_t clicks = roll < 25 ? 2 : roll < 70 ? 1 : 0;
    for (std::size_t c = 0; c < clicks && !tokens.empty(); ++c) {  // read 1 to 40 minutes after it arrived
      const timestamp when = std::min(clock.now(), log.updated + std::chrono::minutes{1 + random() % 40});
      engine.on_click({tokens[0], phones[random() % std::size(phones)], when, std::nullopt}).value();
      if (random() % 3 == 0) {  // forwarded to a friend: the app fetches a preview
        engine.on_click({tokens[0], previews[random() % std::size(previews)], when, std::nullopt}).value();
      }
    }
    if (roll >= 995 && tokens.size() > 1) engine.on_click({tokens[1], phones[0], clock.now(), std::nullopt}).value();
    if (roll >= 985 && roll < 995) {  // a carrier's link scanner in the cloud follows every link: nobody opts out
      for (const std::string_view token : tokens) {
        incoming_click scan{token, phones[1], clock.now(), std::nullopt};
        scan.network = click_network::data_centre;
        engine.on_click(scan).value();
      }
    }
  }
}

// How well a connector carries messages: how many its carriers deliver, how many receipts never
// come back, how long the provider takes to acknowledge a submit, and what share of the
// receipts still awaited arrives each minute.
struct route_quality {
  double delivered = 0.925;
  double lost_receipts = 0.02;
  std::chrono::seconds ack_delay{1};
  double receipts_per_minute = 0.55;
};

// What the carrier network eventually says about one acknowledged message: the stat and err of
// its receipt, or no receipt at all (nullptr). Failures keep their proportions whatever the
// route's delivered share.
struct fate {
  const char* stat;
  const char* err;
};

fate carrier_fate(std::mt19937& random, const route_quality& route) {
  const double r = std::uniform_real_distribution<double>(0.0, 1.0)(random);
  if (r < route.delivered) return {"DELIVRD", "000"};
  if (r >= 1.0 - route.lost_receipts) return {nullptr, nullptr};
  const double failure = (r - route.delivered) / (1.0 - route.lost_receipts - route.delivered);  // 0..1
  if (failure < 0.36) return {"UNDELIV", "001"};  // unknown subscriber
  if (failure < 0.64) return {"EXPIRED", "027"};  // absent subscriber until the validity ended
  if (failure < 0.82) return {"UNDELIV", "005"};  // memory capacity exceeded
  if (failure < 0.95) return {"UNDELIV", "006"};  // phone off
  return {"REJECTD", "069"};                      // refused by the carrier
}

// The mobile network an HLR look-up gives for a number: one of its country's main networks.
std::string_view network_of(const phone_number& number) {
  struct country_networks {
    const char* prefix;
    std::array<std::string_view, 3> networks;
  };
  static constexpr country_networks table[] = {{"+33", {"208-01", "208-10", "208-15"}},
                                               {"+49", {"262-01", "262-02", "262-03"}},
                                               {"+31", {"204-04", "204-08", "204-16"}},
                                               {"+39", {"222-01", "222-10", "222-88"}},
                                               {"+34", {"214-01", "214-03", "214-07"}}};
  const std::string text = number.to_string();
  for (const country_networks& c : table) {
    if (text.rfind(c.prefix, 0) == 0) return c.networks[number.digits() % 7 % 3];
  }
  return {};
}

// What a connector charges per part, in micro-euros: a price per country, a better one on some
// networks, more for UCS-2 in France.
price_list prices_of(double scale) {
  const auto price = [scale](std::uint64_t micro) { return static_cast<std::uint64_t>(static_cast<double>(micro) * scale); };
  return {"EUR",
          {{"FR", std::nullopt, std::nullopt, price(45'000)},
           {"FR", mobile_network{"208", "01"}, std::nullopt, price(41'000)},
           {"FR", std::nullopt, sms_encoding::ucs2, price(52'000)},
           {"DE", std::nullopt, std::nullopt, price(71'000)},
           {"NL", std::nullopt, std::nullopt, price(63'000)},
           {"IT", std::nullopt, std::nullopt, price(58'000)},
           {"ES", std::nullopt, std::nullopt, price(49'000)},
           {"", std::nullopt, std::nullopt, price(90'000)}}};
}

// The operator's qualification of the error receipts this connector sends (SPEC §6.6): what
// each (stat, err) means. Unseen ones would be provisioned soft / refused, to qualify.
void qualify_connector(tracker& engine, std::string_view connector) {
  struct meaning {
    const char* stat;
    const char* err;
    failure_type type;
    failure_reason reason;
  };
  const meaning table[] = {{"UNDELIV", "001", failure_type::hard, failure_reason::user_unknown},
                           {"EXPIRED", "027", failure_type::soft, failure_reason::unreachable},
                           {"UNDELIV", "005", failure_type::soft, failure_reason::mailbox_full},
                           {"UNDELIV", "006", failure_type::ignored, failure_reason::not_connected},
                           {"REJECTD", "069", failure_type::soft, failure_reason::refused}};
  for (const meaning& m : table) {
    qualification_entry entry;
    entry.key = qualification_key(connector, m.stat, m.err);
    entry.type = m.type;
    entry.reason = m.reason;
    entry.status = qualification_status::keep;
    engine.requalify(entry).value();
  }
}

class simulated_gateway {
 public:
  simulated_gateway(tracker& engine, manual_clock& clock, delivery_id id, std::mt19937& random,
                    const std::vector<recipient>& target, route_quality quality)
      : engine_(engine), clock_(clock), id_(id), random_(random), renderer_(engine.renderer(id).value()),
        connector_(engine.get_delivery(id).value().settings.connector), quality_(quality) {
    for (const recipient& r : target) fields_.emplace(r.key, &r.fields);
  }

  // Sends up to `count` pending messages: each rendered for its recipient (first name, tracking
  // links), submitted, then the provider's acks a second later.
  std::size_t send_batch(std::size_t count) {
    const auto pending = engine_.logs(id_, {log_status::pending, 0, count}).value();
    std::vector<status_change> submitted;
    for (const delivery_log& log : pending) {
      std::string& message = messages_[log.id];
      message.clear();
      const auto fields = fields_.find(log.recipient);
      parts_ += renderer_.render(log.id, fields == fields_.end() ? std::span<const recipient_field>{} : *fields->second,
                                 message).value().segments;
      submitted.push_back({log.id, log_status::sent_to_provider});
    }
    apply(submitted);
    clock_.advance(quality_.ack_delay);
    // The provider's submit_sm_resp: accepted with its message id, or refused (ESME_RSUBMITFAIL);
    // the network comes from the gateway's HLR look-up.
    provider_ids_.clear();
    provider_ids_.reserve(pending.size());
    std::vector<message_ack> acks;
    for (const delivery_log& log : pending) {
      provider_ids_.push_back(connector_ + "-" + std::to_string(7'000'000 + log.id));
      const bool refused = std::uniform_real_distribution<double>(0.0, 1.0)(random_) < 0.012;
      acks.push_back({log.id, provider_ids_.back(), refused ? 0x45u : 0u, false, network_of(log.address)});
      if (!refused) awaiting_receipt_.push_back(provider_ids_.back());
    }
    std::vector<ack_outcome> outcomes(acks.size());
    engine_.on_ack(id_, acks, outcomes).value();
    return pending.size();
  }

  // Failed messages whose retry is due go back to pending: the next batch sends them again.
  void requeue_due_retries() {
    const auto due = engine_.due_retries(id_, 1'000).value();
    std::vector<status_change> requeued;
    for (const log_id log : due) requeued.push_back({log, log_status::pending});
    apply(requeued);
  }

  // Carrier receipts (deliver_sm) for messages acknowledged earlier, a share of them per call.
  void deliver_receipts(bool all = false) {
    const double share = all ? 1.0 : quality_.receipts_per_minute;
    const auto count = static_cast<std::size_t>(static_cast<double>(awaiting_receipt_.size()) * share);
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < count; ++i) {
      const fate f = carrier_fate(random_, quality_);
      if (f.stat == nullptr) continue;
      const bool delivered = std::string_view(f.stat) == "DELIVRD";
      texts.push_back("id:" + awaiting_receipt_[i] + " sub:001 dlvrd:" + (delivered ? "001" : "000") +
                      " submit date:2611270900 done date:2611270901 stat:" + f.stat + " err:" + f.err + " text:");
    }
    awaiting_receipt_.erase(awaiting_receipt_.begin(), awaiting_receipt_.begin() + static_cast<std::ptrdiff_t>(count));
    if (texts.empty()) return;
    std::vector<incoming_receipt> receipts;
    for (const std::string& text : texts) receipts.push_back({text, {}});
    std::vector<receipt_outcome> outcomes(receipts.size());
    engine_.on_receipts(connector_, receipts, outcomes).value();
  }

  [[nodiscard]] const std::map<log_id, std::string>& messages() const { return messages_; }
  [[nodiscard]] std::uint64_t parts_submitted() const { return parts_; }

 private:
  void apply(const std::vector<status_change>& changes) {
    if (changes.empty()) return;
    std::vector<change_outcome> outcomes(changes.size());
    engine_.update_logs(id_, changes, outcomes).value();
  }

  tracker& engine_;
  manual_clock& clock_;
  delivery_id id_;
  std::mt19937& random_;
  std::vector<std::string> provider_ids_;
  std::vector<std::string> awaiting_receipt_;  // provider ids whose receipt has not come yet
  message_renderer renderer_;
  std::map<recipient_key, const std::vector<recipient_field>*> fields_;
  std::map<log_id, std::string> messages_;
  std::uint64_t parts_ = 0;
  std::string connector_;
  route_quality quality_;
};

// The evening's reminder to a fifth of the audience, sent on the cheaper route: more messages
// lost, slower acks, receipts that come later or never.
delivery_id send_reminder(tracker& engine, manual_clock& clock, std::mt19937& random,
                          const std::vector<recipient>& target) {
  delivery_draft draft{"Black Friday: last hours", "{{first_name}}, the Black Friday sale ends at midnight!", "ACME", {}};
  draft.settings.connector = "smpp-eu2";
  draft.settings.validity = std::chrono::hours{3};
  draft.settings.transliterate = true;
  const delivery_id id = engine.create_delivery(draft).value();
  typology rules = campaign_typology();
  rules.pressure.clear();  // the same day's campaign: a reminder is expected
  rules.settings.limit_delivery_size = target.size() / 5;
  rules.settings.budget = 90'000'000;  // 90 EUR
  const analysis_report report = engine.analyse(id, target, rules).value();
  const auto over_budget = std::find_if(report.causes.begin(), report.causes.end(),
                                        [](const exclusion_cause& c) { return c.reason == failure_reason::over_budget; });
  std::cout << "Reminder on smpp-eu2: " << report.to_deliver << " to deliver within a budget of 90 EUR ("
            << (over_budget == report.causes.end() ? 0 : over_budget->count) << " over budget)\n";
  engine.start(id, "marketing@acme.example").value();
  simulated_gateway gateway(engine, clock, id, random, target,
                            route_quality{0.86, 0.07, std::chrono::seconds{3}, 0.2});
  for (int minute = 0; minute < 20; ++minute) {
    gateway.send_batch(400);
    gateway.deliver_receipts(minute >= 15);
    clock.advance(std::chrono::seconds{57});
  }
  return id;
}

}  // namespace

int main(int argc, char** argv) {
  const demo_options options = parse_options(argc, argv);
  std::mt19937 random(options.seed);
  auto store = examples::open_store(options.store);
  if (!store) {
    std::cerr << "smstrack-demo: " << store.error().message() << '\n';
    return 1;
  }
  manual_clock clock(parse_timestamp("2026-11-21T09:00:00Z").value());
  tracker engine(**store, clock);
  const std::vector<recipient> target = make_target(options.recipients, random);
  seed_history(engine, **store, clock, target, random);
  clock.set(parse_timestamp("2026-11-27T08:55:00Z").value());

  // The tracking host's signing key, as the host would load it from its secret store.
  keyring keys;
  keys.add(make_tracking_key(1, "5f3c9a1e7b2d4068a1c3e5f7092b4d6e").value(), true).value();
  engine.set_tracking_keys(&keys);

  delivery_draft draft{"Black Friday flash sale",
                       "Hi {{first_name}}! Black Friday: -40% on all until midnight: https://acme.example/bf "
                       "Stop: https://acme.example/stop",
                       "ACME",
                       {}};
  draft.settings.validity = std::chrono::hours{6};
  draft.settings.connector = "smpp-eu1";
  draft.settings.short_code = "36111";
  draft.settings.max_parts = 3;
  draft.settings.transliterate = true;
  draft.settings.tracking_host = "t.acme.example";
  const timestamp created = clock.now();
  const delivery_id id = engine.create_delivery(draft).value();
  // Two routes: the main one, and a cheaper one of lower quality for the reminder.
  for (const auto& [connector, price_scale] : {std::pair{"smpp-eu1", 1.0}, std::pair{"smpp-eu2", 0.8}}) {
    engine.register_connector({connector, id_normalization::as_is, {}, std::nullopt, prices_of(price_scale)}).value();
    qualify_connector(engine, connector);
  }
  const tracked_url links[] = {
      {id, 0, "Black Friday offer", tracked_url_type::click, tracking_mode::enabled, "https://acme.example/bf"},
      {id, 0, "Opt-out", tracked_url_type::opt_out, tracking_mode::opt_out, "https://acme.example/stop"}};
  engine.configure_urls(id, links).value();

  clock.advance(std::chrono::minutes{1});
  const analysis_report report = engine.analyse(id, target, campaign_typology()).value();
  std::cout << "Analysed " << target.size() << " recipients: " << report.to_deliver << " to deliver, "
            << report.rejected << " excluded, " << report.seeds << " seed addresses\n\n";

  clock.advance(std::chrono::minutes{4});
  const timestamp started = clock.now();
  engine.start(id, "marketing@acme.example").value();
  simulated_gateway gateway(engine, clock, id, random, target, route_quality{});
  for (int minute = 0; minute < 45; ++minute) {
    if (minute == 6) engine.pause(id).value();
    if (minute == 9) engine.resume(id).value();
    const bool paused = minute >= 6 && minute < 9;
    if (!paused) gateway.send_batch(600);
    gateway.deliver_receipts(minute >= 30);
    if (!paused) gateway.requeue_due_retries();
    clock.advance(std::chrono::seconds{59});
  }
  const delivery_id reminder = send_reminder(engine, clock, random, target);
  if (engine.check_validity(id).value()) std::cout << "The validity ended before every message was sent\n";
  simulate_replies(engine, id, random);
  simulate_clicks(engine, id, gateway.messages(), clock, random);
  std::cout << "Sent " << gateway.messages().size() << " personalized messages in " << gateway.parts_submitted()
            << " parts\n\n";

  const dashboard board = make_dashboard(engine, id).value();
  examples::print_summary(std::cout, board.summary, options.lang);
  std::cout << '\n';
  examples::print_sms(std::cout, board.sms, options.lang);
  std::cout << '\n';
  tracking_view tracking = board.tracking;
  tracking.click_logs.resize(std::min<std::size_t>(tracking.click_logs.size(), 5));
  examples::print_tracking(std::cout, tracking, options.lang);
  std::cout << '\n';
  examples::print_causes(std::cout, board.causes, options.lang);
  std::cout << '\n';
  const delivery_id both[] = {id, reminder};
  examples::print_routes(std::cout, make_routes_view(engine, both).value(), options.lang);
  std::cout << '\n';
  for (const failure_reason reason : {failure_reason::invalid_phone_number, failure_reason::opted_out,
                                      failure_reason::excluded_by_arbitration, failure_reason::text_too_long}) {
    examples::print_exclusions(std::cout, make_exclusions_view(engine, id, {reason, 0, 3}).value(), options.lang);
  }
  std::cout << '\n';
  audit_query launch;  // what happened from the delivery's creation to its start
  launch.from = created;
  launch.to = started + std::chrono::seconds{1};
  launch.limit = 40;
  examples::print_journal(std::cout, make_audit_view(engine, id, launch).value(), options.lang);

  std::ofstream out(options.out);
  out << boost::json::serialize(to_json(board)) << '\n';
  if (!out) {
    std::cerr << "smstrack-demo: cannot write " << options.out << '\n';
    return 1;
  }
  std::cout << "\nDashboard written to " << options.out << " (" << board.delivery_logs.logs.size()
            << " delivery logs on its first page, " << board.journal.events.size() << " journal events)\n";
  return 0;
}
