// A host that vendors smstrack with its SQLite adapter: create, analyse, start, deliver one
// message, read indicators, on an in-memory SQLite database.
#include <smstrack/adapters/sqlite_store.hpp>
#include <smstrack/engine/tracker.hpp>

#include <cstdio>

int main() {
  auto store = smstrack::sqlite_store::open({.path = ":memory:"}).value();
  smstrack::manual_clock clock(smstrack::from_unix_ms(1'795'435'200'000));
  smstrack::tracker engine(*store, clock);
  const auto id = engine.create_delivery({"vendored", "Hello", "ACME", {}}).value();
  const smstrack::recipient target[] = {{1, "+33612345678", false}};
  (void)engine.analyse(id, target).value();
  engine.start(id, "consumer").value();
  const smstrack::status_change delivered[] = {{1, smstrack::log_status::received_on_mobile}};
  smstrack::change_outcome outcome[1];
  (void)engine.update_logs(id, delivered, outcome).value();
  const auto figures = engine.indicators_of(id).value();
  std::printf("delivered %llu of %llu\n", static_cast<unsigned long long>(figures.delivered),
              static_cast<unsigned long long>(figures.to_deliver));
  return figures.delivered == 1 ? 0 : 1;
}
