// A recipient of a delivery's target, as the host application hands it to the analysis.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/ids.hpp>

#include <boost/describe/class.hpp>

#include <string>

SMSTRACK_BEGIN_NAMESPACE

struct recipient {
  recipient_key key = 0;  ///< the host's id for the person (0 = none)
  std::string address;    ///< the phone number as the host stores it
  bool seed = false;      ///< an internal control address: never excluded, not counted
  friend bool operator==(const recipient&, const recipient&) = default;
};
BOOST_DESCRIBE_STRUCT(recipient, (), (key, address, seed))

SMSTRACK_END_NAMESPACE
