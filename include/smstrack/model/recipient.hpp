// A recipient of a delivery's target, as the host application hands it to the analysis, with
// the fields its message is personalized with ({{first_name}} in the content, see
// content/message_template.hpp).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>

#include <boost/describe/class.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

/// One personalization field of a recipient: a name and its value (UTF-8).
struct recipient_field {
  std::string name;
  std::string value;
  friend bool operator==(const recipient_field&, const recipient_field&) = default;
};
BOOST_DESCRIBE_STRUCT(recipient_field, (), (name, value))

struct recipient {
  recipient_key key = 0;  ///< the host's id for the person (0 = none)
  std::string address;    ///< the phone number as the host stores it
  bool seed = false;      ///< an internal control address: never excluded, not counted
  std::vector<recipient_field> fields;  ///< personalization; a name absent here renders empty
  friend bool operator==(const recipient&, const recipient&) = default;
};
BOOST_DESCRIBE_STRUCT(recipient, (), (key, address, seed, fields))

/// The value of the field `name` (the first one, if repeated), or nullptr.
[[nodiscard]] inline const std::string* find_field(std::span<const recipient_field> fields,
                                                   std::string_view name) noexcept {
  for (const recipient_field& field : fields) {
    if (field.name == name) return &field.value;
  }
  return nullptr;
}

SMSTRACK_END_NAMESPACE
