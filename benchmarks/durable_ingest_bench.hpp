// BM_durable_ingest (durable_ingest_bench.cpp), registered per store by the adapter benchmarks.
#pragma once

#include "adapter_stores.hpp"

#include <functional>
#include <memory>
#include <string>

namespace smstrack::bench {

using store_opener = std::function<std::unique_ptr<bench_store>()>;

/// Registers BM_durable_ingest/<store_name>/acks and /receipts on stores that `open` opens.
void register_durable_ingest(const std::string& store_name, const store_opener& open);

}  // namespace smstrack::bench
