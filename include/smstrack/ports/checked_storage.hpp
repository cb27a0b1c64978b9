// The port boundary, enforced: a storage decorator that checks every call against the port
// contracts and turns an adapter's exception into an error.
//
// Every call the tracker makes to its storage goes through one `checked_storage`. Before a call,
// output spans must have one element per input (else invalid_argument, and the adapter is not
// called). The call runs inside a try block: an exception becomes errc::storage_failure with
// the part, the method and the exception's message. After it, the result must keep the contract
// — a page holds at most `limit` rows, an append returns one id per row, a created delivery has
// an id — else storage_failure ("adapter broke its contract: ..."). Adapter authors can wrap
// their own store in it in tests, or derive from the part wrappers (storage_wrapper.hpp) to
// change one method and keep the rest.
//
// Thread safety: adds no state; as thread-safe as the target.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/ports/storage_wrapper.hpp>

#include <memory>

SMSTRACK_BEGIN_NAMESPACE

class checked_storage : public storage_wrapper {
 public:
  explicit checked_storage(storage& target);
  checked_storage(const checked_storage&) = delete;
  checked_storage& operator=(const checked_storage&) = delete;
  ~checked_storage() override;

  delivery_store& deliveries() override;
  log_store& logs() override;
  exclusion_store& exclusions() override;
  quarantine_store& quarantine() override;
  qualification_store& qualification() override;
  tracking_store& tracking() override;
  audit_store& audit() override;
  reply_store& replies() override;
  /// Checks the unit (check_unit) before the target commits it, and the outcomes after.
  result<commit_status> commit(const unit_of_work& unit, std::span<write_outcome> outcomes) override;

  /// The checked parts (defined in the library's sources).
  struct parts;

 private:
  std::unique_ptr<parts> parts_;
};

SMSTRACK_END_NAMESPACE
