// Shared setup for the benchmarks: a started delivery with n pending logs on a memory store.
#pragma once

#include <smstrack/engine/tracker.hpp>
#include <smstrack/store/memory_store.hpp>

#include <memory>
#include <string>
#include <vector>

namespace smstrack::bench {

/// `count` pending logs of delivery `d`, ids first .. first + count - 1.
inline std::vector<delivery_log> make_logs(delivery_id d, log_id first, log_id count) {
  std::vector<delivery_log> logs(count);
  for (log_id i = 0; i < count; ++i) {
    logs[i].delivery = d;
    logs[i].id = first + i;
    logs[i].address = phone_number::from_digits(33'600'000'000ULL + first + i).value();
  }
  return logs;
}

struct started_delivery {
  memory_store store;
  manual_clock clock{from_unix_ms(1'795'435'200'000)};
  tracker engine{store, clock};
  delivery_id id = 0;

  explicit started_delivery(std::size_t logs, std::string connector = {}) {
    delivery_draft draft{"benchmark", "Hello", "ACME", {}};
    draft.settings.connector = std::move(connector);
    id = engine.create_delivery(draft).value();
    std::vector<recipient> target;
    target.reserve(logs);
    for (std::size_t i = 0; i < logs; ++i) target.push_back({i + 1, "+" + std::to_string(33'600'000'000ULL + i), false});
    (void)engine.analyse(id, target).value();
    engine.start(id, "benchmark").value();
  }
};

}  // namespace smstrack::bench
