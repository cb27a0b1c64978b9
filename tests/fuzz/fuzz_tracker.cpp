// The tracker driven by a random sequence of API calls on the in-memory store with a manual
// clock: deliveries created, edited, analysed, reopened, started, paused, stopped; status
// changes, acks and receipts (well-formed and not) for a small pool of message ids; clicks on
// real and forged tokens; replies; retries, horizons and validity checks; time passing. After
// every step: nothing throws, every refusal is a precise error (never a storage failure: the
// memory store does not fail), and for every delivery indicators_of equals recompute.
#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/keyring.hpp>
#include <smstrack/store/memory_store.hpp>
#include <smstrack/text/utf8.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace smstrack;

constexpr std::array contents = {
    "Hello {{name}}",
    "Sale at https://acme.example/sale and acme.fr/soldes, STOP: https://acme.example/stop",
    "Soldes 👉acme.fr/promo(offre limitée) {{name}}",
    "A long message that needs more than one part to be sent, because it goes on and on and on and on and on, "
    "well past the hundred and sixty characters of a single GSM-7 message, https://acme.example/long",
    "Привет {{name}}, https://пример.рф/акция",
};
constexpr std::array stats = {"DELIVRD", "UNDELIV", "EXPIRED", "REJECTD", "ACCEPTD", "ENROUTE", "UNKNOWN", "DELETED"};
constexpr std::array errs = {"000", "001", "005", "013", "069", "999"};
constexpr std::array replies = {"STOP", "start", "Arret merci", "hello", ""};

void check_error(const error& e) {
  FUZZ_CHECK(e != errc::storage_failure);
  FUZZ_CHECK(!e.detail().empty() && is_valid_utf8(e.detail()));
}

template <class T>
void check(const result<T>& r) {
  if (!r) check_error(r.error());
}

class session {
 public:
  explicit session(FuzzedDataProvider& in) : in_(in) {
    FUZZ_CHECK(keys_.add(make_tracking_key(1, "00112233445566778899aabbccddeeff").value(), true).has_value());
    engine_.set_tracking_keys(&keys_);
    connector_profile profile{"route", in_.ConsumeBool() ? id_normalization::as_is : id_normalization::decimal, {}, {}};
    check(engine_.register_connector(profile));
  }

  void step() {
    switch (in_.ConsumeIntegralInRange<int>(0, 17)) {
      case 0: create(); break;
      case 1: check(engine_.edit_content(any_delivery(), contents[pick(contents.size())])); break;
      case 2: analyse(); break;
      case 3: check(engine_.reopen(any_delivery())); break;
      case 4: check(engine_.start(any_delivery(), "fuzz")); break;
      case 5: check(in_.ConsumeBool() ? engine_.pause(any_delivery()) : engine_.resume(any_delivery())); break;
      case 6: check(engine_.stop(any_delivery(), "fuzz")); break;
      case 7: check(engine_.check_validity(any_delivery())); break;
      case 8: update_logs(); break;
      case 9: acks(); break;
      case 10: receipts(); break;
      case 11: click(); break;
      case 12: reply(); break;
      case 13: clock_.advance(std::chrono::minutes{in_.ConsumeIntegralInRange<int>(0, 3000)}); break;
      case 14: check(engine_.due_retries(any_delivery(), in_.ConsumeIntegralInRange<std::size_t>(0, 20))); break;
      case 15: check(engine_.check_receipt_horizon(any_delivery())); break;
      case 16: check(engine_.expire_held_receipts()); break;
      case 17: quarantine(); break;
    }
    check_indicators();
  }

 private:
  std::size_t pick(std::size_t count) { return in_.ConsumeIntegralInRange<std::size_t>(0, count - 1); }
  delivery_id any_delivery() { return in_.ConsumeIntegralInRange<delivery_id>(0, deliveries_.size() + 1); }
  log_id any_log() { return in_.ConsumeIntegralInRange<log_id>(0, 12); }
  std::string any_message_id() { return "m" + std::to_string(in_.ConsumeIntegralInRange<int>(0, 15)); }
  std::string number(std::size_t i) const { return "+3361234567" + std::to_string(i % 10); }

  void create() {
    delivery_draft draft{"Fuzz", contents[pick(contents.size())], in_.ConsumeBool() ? "ACME" : "", {}};
    draft.settings.connector = "route";
    draft.settings.short_code = "36111";
    draft.settings.approval = static_cast<approval_mode>(pick(3));
    draft.settings.validity = std::chrono::hours{in_.ConsumeIntegralInRange<int>(1, 72)};
    draft.settings.max_parts = static_cast<std::uint16_t>(pick(4));
    if (in_.ConsumeBool()) draft.settings.tracking_host = "t.acme.example";
    draft.settings.https_for_bare_links = in_.ConsumeBool();
    const auto id = engine_.create_delivery(draft);
    check(id);
    if (id) deliveries_.push_back(*id);
  }

  void analyse() {
    std::vector<recipient> target;
    const std::size_t count = pick(12);
    for (std::size_t i = 0; i < count; ++i) {
      recipient r{i + 1, in_.ConsumeBool() ? number(pick(14)) : in_.ConsumeRandomLengthString(16), in_.ConsumeBool(), {}};
      if (in_.ConsumeBool()) r.fields = {{"name", in_.ConsumeRandomLengthString(24)}};
      target.push_back(std::move(r));
    }
    check(engine_.analyse(any_delivery(), target));
  }

  void update_logs() {
    std::vector<status_change> changes(pick(8) + 1);
    std::vector<std::string> ids(changes.size());
    for (std::size_t i = 0; i < changes.size(); ++i) {
      ids[i] = in_.ConsumeBool() ? any_message_id() : "";
      changes[i] = {any_log(), static_cast<log_status>(in_.ConsumeIntegralInRange<int>(0, 9)),
                    static_cast<failure_type>(in_.ConsumeIntegralInRange<int>(0, 4)),
                    static_cast<failure_reason>(in_.ConsumeIntegral<std::uint8_t>()), ids[i], {}};
    }
    std::vector<change_outcome> outcomes(changes.size());
    check(engine_.update_logs(any_delivery(), changes, outcomes));
  }

  // A network as SMSCs and HLR look-ups write it, or none, or bytes.
  std::string any_network() {
    static constexpr std::string_view networks[] = {"", "208-01", "20810", "310 260", "234-015"};
    if (in_.ConsumeIntegralInRange<int>(0, 7) == 0) return in_.ConsumeRandomLengthString(9);
    return std::string(networks[pick(std::size(networks))]);
  }

  void acks() {
    std::vector<message_ack> batch(pick(8) + 1);
    std::vector<std::string> ids(batch.size());
    std::vector<std::string> networks(batch.size());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      ids[i] = in_.ConsumeBool() ? any_message_id() : in_.ConsumeRandomLengthString(8);
      networks[i] = any_network();
      batch[i] = {any_log(), ids[i], in_.ConsumeBool() ? 0u : in_.ConsumeIntegralInRange<std::uint32_t>(0, 0x58),
                  in_.ConsumeIntegralInRange<int>(0, 9) == 0, networks[i]};
    }
    std::vector<ack_outcome> outcomes(batch.size());
    check(engine_.on_ack(any_delivery(), batch, outcomes));
  }

  void receipts() {
    std::vector<std::string> texts(pick(8) + 1);
    std::vector<std::string> networks(texts.size());
    std::vector<incoming_receipt> batch(texts.size());
    for (std::size_t i = 0; i < texts.size(); ++i) {
      networks[i] = any_network();
      batch[i].network = networks[i];
      texts[i] = in_.ConsumeIntegralInRange<int>(0, 7) == 0
                     ? in_.ConsumeRandomLengthString(64)
                     : "id:" + any_message_id() + " sub:001 dlvrd:001 stat:" + stats[pick(stats.size())] +
                           " err:" + errs[pick(errs.size())] + " text:x";
      batch[i].text = texts[i];
      if (in_.ConsumeIntegralInRange<int>(0, 3) == 0) batch[i].tlvs.message_state = in_.ConsumeIntegralInRange<std::uint8_t>(0, 10);
    }
    std::vector<receipt_outcome> outcomes(batch.size());
    check(engine_.on_receipts(in_.ConsumeBool() ? "route" : "other", batch, outcomes));
  }

  void click() {
    const token_signer signer = token_signer::make(keys_.current().value()).value();
    std::string token = signer.sign({any_delivery(), any_log(), in_.ConsumeIntegralInRange<url_id>(0, 4)});
    if (in_.ConsumeIntegralInRange<int>(0, 5) == 0) token = in_.ConsumeRandomLengthString(40);
    const std::string agent = in_.ConsumeBool() ? "Mozilla/5.0 (iPhone)" : in_.ConsumeRandomLengthString(30);
    check(engine_.on_click({token, agent, std::nullopt, std::nullopt}));
  }

  void reply() {
    const std::string from = number(pick(14));
    const std::string text = in_.ConsumeBool() ? replies[pick(replies.size())] : in_.ConsumeRandomLengthString(20);
    check(engine_.on_reply({from, in_.ConsumeBool() ? "36111" : "", text, std::nullopt}));
  }

  void quarantine() {
    const auto address = phone_number::parse(number(pick(14)));
    if (!address) return;
    const quarantine_key key{*address, in_.ConsumeBool() ? "36111" : ""};
    check(in_.ConsumeBool() ? engine_.release(key) : engine_.allowlist(key));
  }

  void check_indicators() {
    for (const delivery_id id : deliveries_) {
      const auto incremental = engine_.indicators_of(id);
      const auto routes = engine_.routes(std::span(&id, 1));
      const auto recomputed = engine_.recompute(id);
      FUZZ_CHECK(incremental.has_value() && recomputed.has_value() && routes.has_value());
      FUZZ_CHECK(*incremental == *recomputed);
      FUZZ_CHECK(engine_.routes(std::span(&id, 1)).value() == *routes);
    }
  }

  FuzzedDataProvider& in_;
  memory_store store_;
  manual_clock clock_{from_unix_ms(1'795'435'200'000)};
  tracker engine_{store_, clock_};
  keyring keys_;
  std::vector<delivery_id> deliveries_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  session s(in);
  for (int steps = 0; steps < 64 && in.remaining_bytes() > 0; ++steps) s.step();
  return 0;
}
