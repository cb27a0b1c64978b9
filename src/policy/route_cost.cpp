#include <smstrack/policy/route_cost.hpp>

#include <limits>

SMSTRACK_BEGIN_NAMESPACE
namespace {

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
  return a > std::numeric_limits<std::uint64_t>::max() - b ? std::numeric_limits<std::uint64_t>::max() : a + b;
}

std::uint64_t saturating_product(std::uint64_t parts, std::uint64_t price) noexcept {
  if (price != 0 && parts > std::numeric_limits<std::uint64_t>::max() / price) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return parts * price;
}

}  // namespace

cost_figures cost_of(const route_tally& tally, std::string_view region, network_code network,
                     const price_table& prices) {
  cost_figures out;
  out.currency = std::string(prices.currency());
  out.unsized_messages = tally.unsized();
  const std::optional<mobile_network> known = network.network();
  const route_tally::parts_by_encoding& parts = tally.parts();
  for (std::size_t e = 0; e < encoding_count; ++e) {
    const sms_encoding encoding = all_encodings[e];
    if (const auto estimate = prices.price_per_part(region, std::nullopt, encoding)) {
      out.estimated = saturating_add(out.estimated, saturating_product(parts.all[e], *estimate));
    }
    const auto price = prices.price_per_part(region, known, encoding);
    if (!price) {
      out.unpriced_parts = saturating_add(out.unpriced_parts, parts.all[e]);
      continue;
    }
    out.submitted = saturating_add(out.submitted, saturating_product(parts.acknowledged[e], *price));
    out.failed = saturating_add(out.failed, saturating_product(parts.failed[e], *price));
  }
  return out;
}

void add_cost(cost_figures& total, const cost_figures& route) noexcept {
  total.estimated = saturating_add(total.estimated, route.estimated);
  total.submitted = saturating_add(total.submitted, route.submitted);
  total.failed = saturating_add(total.failed, route.failed);
  total.unpriced_parts = saturating_add(total.unpriced_parts, route.unpriced_parts);
  total.unsized_messages = saturating_add(total.unsized_messages, route.unsized_messages);
}

SMSTRACK_END_NAMESPACE
