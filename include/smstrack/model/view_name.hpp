// The names of the dashboard's views and sub-views (SPEC §1), for labels and navigation.
#pragma once

#include <smstrack/config.hpp>

#include <boost/describe/enum.hpp>

#include <cstdint>

SMSTRACK_BEGIN_NAMESPACE

/// The tabs of a delivery's dashboard.
enum class view_name : std::uint8_t {
  summary = 0,
  sms = 1,
  delivery = 2,
  exclusions = 3,
  tracking = 4,
  audit = 5,
};
BOOST_DESCRIBE_ENUM(view_name, summary, sms, delivery, exclusions, tracking, audit)

/// The sub-views inside Delivery, Tracking and Audit.
enum class sub_view_name : std::uint8_t {
  delivery_logs = 0,
  exclusion_logs = 1,
  tracking_logs = 2,
  tracked_urls = 3,
  journal = 4,
  causes_of_exclusion = 5,
  proofs = 6,
  routes = 7,  ///< Delivery › Routes (SPEC §13)
};
BOOST_DESCRIBE_ENUM(sub_view_name, delivery_logs, exclusion_logs, tracking_logs, tracked_urls,
                    journal, causes_of_exclusion, proofs, routes)

SMSTRACK_END_NAMESPACE
