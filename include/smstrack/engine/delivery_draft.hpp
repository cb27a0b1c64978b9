// What a host provides to create a delivery (tracker::create_delivery).
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/model/delivery.hpp>

#include <boost/describe/class.hpp>

#include <string>

SMSTRACK_BEGIN_NAMESPACE

/// What a host provides to create a delivery.
struct delivery_draft {
  std::string label;
  std::string content;
  std::string sender;
  delivery_settings settings;
};
BOOST_DESCRIBE_STRUCT(delivery_draft, (), (label, content, sender, settings))

SMSTRACK_END_NAMESPACE
