// What the adapter tests share: a storage that forwards to a store it owns together with the
// resources the store lives in (a temporary file, a schema), and a sample delivery.
#pragma once

#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/ports/storage.hpp>

#include <memory>

namespace smstrack_test {

/// Forwards every part to `inner()`; a derived class owns the store and what it needs.
class forwarding_storage : public smstrack::storage {
 public:
  smstrack::delivery_store& deliveries() override { return inner().deliveries(); }
  smstrack::log_store& logs() override { return inner().logs(); }
  smstrack::exclusion_store& exclusions() override { return inner().exclusions(); }
  smstrack::quarantine_store& quarantine() override { return inner().quarantine(); }
  smstrack::qualification_store& qualification() override { return inner().qualification(); }
  smstrack::tracking_store& tracking() override { return inner().tracking(); }
  smstrack::audit_store& audit() override { return inner().audit(); }

 protected:
  virtual smstrack::storage& inner() = 0;
};

inline smstrack::delivery sample_delivery() {
  smstrack::delivery d;
  d.label = "Spring sale";
  d.content = "Hello";
  d.settings.connector = "smpp-1";
  d.created = smstrack::conformance::at(0);
  d.last_modified = smstrack::conformance::at(0);
  return d;
}

}  // namespace smstrack_test
