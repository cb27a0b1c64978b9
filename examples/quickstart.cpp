// Quick start: create a delivery, analyse a tiny target, start it, report a few outcomes, and
// print the Summary view.
#include <smstrack/adapters/system_clock.hpp>
#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/memory_store.hpp>
#include <smstrack/views/summary_view.hpp>

#include "dashboard_text.hpp"

#include <iostream>

int main() {
  smstrack::memory_store store;
  smstrack::system_clock clock;
  smstrack::tracker engine(store, clock);

  const smstrack::delivery_draft draft{"Welcome SMS", "Welcome to ACME! Reply STOP to opt out.", "ACME", {}};
  const smstrack::delivery_id id = engine.create_delivery(draft).value();

  const smstrack::recipient target[] = {{1, "+33612345678", false},
                                        {2, "+4915112345678", false},
                                        {3, "+33612345678", false},  // a duplicate: excluded
                                        {4, "06 12 34 56 78", false}};  // not E.164: excluded
  const smstrack::analysis_report report = engine.analyse(id, target).value();
  std::cout << report.to_deliver << " message(s) to deliver, " << report.rejected << " excluded\n";

  engine.start(id, "quickstart").value();
  const smstrack::status_change outcomes[] = {
      {1, smstrack::log_status::received_on_mobile},
      {2, smstrack::log_status::failed, smstrack::failure_type::hard, smstrack::failure_reason::user_unknown}};
  smstrack::change_outcome applied[2];
  engine.update_logs(id, outcomes, applied).value();

  smstrack::examples::print_summary(std::cout, smstrack::make_summary_view(engine, id).value(),
                                    smstrack::language::en);
  return 0;
}
