// Calls into the ports that are not storage (the tracking keys) go through `guarded`, which
// turns a stray exception into errc::storage_failure carrying its message. Storage calls go
// through checked_storage (smstrack/ports/checked_storage.hpp), which does the same and more.
#pragma once

#include <smstrack/error.hpp>

#include <exception>
#include <string>

SMSTRACK_BEGIN_NAMESPACE
namespace detail {

template <class F>
auto guarded(F&& call) noexcept -> decltype(call()) {
  try {
    return call();
  } catch (const std::exception& e) {
    try {
      return error{errc::storage_failure, std::string("adapter threw: ") + e.what()};
    } catch (...) {
      return error{errc::storage_failure};
    }
  } catch (...) {
    return error{errc::storage_failure};
  }
}

}  // namespace detail
SMSTRACK_END_NAMESPACE
