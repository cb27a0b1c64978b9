#include <smstrack/error.hpp>

SMSTRACK_BEGIN_NAMESPACE
namespace {

condition condition_of(errc code) noexcept {
  switch (code) {
    case errc::unknown_delivery:
    case errc::unknown_log:
    case errc::unknown_message_id:
    case errc::unknown_entry:
      return condition::not_found;
    case errc::illegal_transition:
    case errc::content_frozen:
    case errc::revision_conflict:
    case errc::duplicate_id:
      return condition::conflict;
    case errc::storage_failure:
      return condition::permanent;
    case errc::storage_unavailable:
      return condition::transient;
    default:
      return condition::invalid_input;
  }
}

class error_category_impl final : public boost::system::error_category {
 public:
  constexpr error_category_impl() noexcept : error_category(0x5e5d'57a7'c0de'0001ULL) {}
  const char* name() const noexcept override { return "smstrack"; }

  std::string message(int value) const override { return message(value, nullptr, 0); }

  const char* message(int value, char*, std::size_t) const noexcept override {
    switch (static_cast<errc>(value)) {
      case errc::invalid_argument: return "invalid argument";
      case errc::invalid_settings: return "invalid settings";
      case errc::invalid_address: return "invalid address";
      case errc::invalid_text: return "invalid text";
      case errc::invalid_receipt: return "invalid receipt";
      case errc::invalid_token: return "invalid tracking token";
      case errc::invalid_json: return "invalid JSON";
      case errc::missing_field: return "missing field";
      case errc::unknown_field: return "unknown field";
      case errc::unexpected_type: return "unexpected JSON type";
      case errc::unknown_enum_name: return "unknown enumerator name";
      case errc::invalid_timestamp: return "invalid timestamp";
      case errc::invalid_duration: return "invalid duration";
      case errc::value_out_of_range: return "value out of range";
      case errc::invalid_sender: return "invalid sender id";
      case errc::unknown_delivery: return "unknown delivery";
      case errc::unknown_log: return "unknown delivery log";
      case errc::unknown_message_id: return "unknown message id";
      case errc::unknown_entry: return "unknown entry";
      case errc::illegal_transition: return "illegal transition";
      case errc::content_frozen: return "content frozen";
      case errc::revision_conflict: return "revision conflict";
      case errc::duplicate_id: return "duplicate id";
      case errc::storage_failure: return "storage failure";
      case errc::storage_unavailable: return "storage unavailable";
    }
    return "unknown smstrack error";
  }

  boost::system::error_condition default_error_condition(int value) const noexcept override {
    return make_error_condition(condition_of(static_cast<errc>(value)));
  }
};

class condition_category_impl final : public boost::system::error_category {
 public:
  constexpr condition_category_impl() noexcept : error_category(0x5e5d'57a7'c0de'0002ULL) {}
  const char* name() const noexcept override { return "smstrack.condition"; }

  std::string message(int value) const override { return message(value, nullptr, 0); }

  const char* message(int value, char*, std::size_t) const noexcept override {
    switch (static_cast<condition>(value)) {
      case condition::invalid_input: return "invalid input";
      case condition::not_found: return "not found";
      case condition::conflict: return "conflict with the stored state";
      case condition::transient: return "transient failure";
      case condition::permanent: return "permanent failure";
    }
    return "unknown smstrack condition";
  }
};

}  // namespace

const boost::system::error_category& error_category() noexcept {
  static const error_category_impl instance;
  return instance;
}

const boost::system::error_category& condition_category() noexcept {
  static const condition_category_impl instance;
  return instance;
}

boost::system::error_code make_error_code(errc code) noexcept {
  return {static_cast<int>(code), error_category()};
}

boost::system::error_condition make_error_condition(condition cond) noexcept {
  return {static_cast<int>(cond), condition_category()};
}

error::error(errc code, std::string detail, retry_hint hint)
    : error(make_error_code(code), std::move(detail), hint) {}

error::error(boost::system::error_code code, std::string detail, retry_hint hint)
    : code_(code == errc::storage_failure && hint == retry_hint::transient ? make_error_code(errc::storage_unavailable)
                                                                          : code),
      detail_(std::move(detail)) {}

retry_hint error::hint() const noexcept {
  return code_ == errc::storage_unavailable ? retry_hint::transient : retry_hint::permanent;
}

std::string error::message() const {
  std::string text = code_.message();
  if (!detail_.empty()) {
    text += ": ";
    text += detail_;
  }
  return text;
}

system_error::system_error(const smstrack::error& e)
    : boost::system::system_error(e.code(), e.detail()), error_(e) {}

void throw_exception_from_error(const error& e, const boost::source_location&) {
  throw system_error(e);
}

SMSTRACK_END_NAMESPACE
