// The tracker's doors for single quarantine entries (SPEC §5.4, §9): an operator's release and
// allowlisting, and incoming replies with their keyword rules. Each entry changes through the
// quarantine settlement, under its address's stripe.
#include "tracker_impl.hpp"

SMSTRACK_BEGIN_NAMESPACE

namespace {

// An entry that always changes, for the operator's calls.
template <class Change>
result<quarantine_entry> set_entry(engine_detail::quarantine_settlement& quarantine, const quarantine_key& key,
                                   Change change) {
  auto stored = quarantine.change_entry(key, [&](const std::optional<quarantine_entry>& current)
                                            -> result<std::optional<quarantine_entry>> {
    auto next = change(current);
    if (!next) return next.error();
    return std::optional<quarantine_entry>(std::move(*next));
  });
  if (!stored) return stored.error();
  return std::move(**stored);
}

constexpr std::size_t max_short_code_bytes = 21;

// The sender of a reply: international, with or without the '+' (SMPP source_addr of TON 1).
result<phone_number> sender_of(std::string_view from) {
  if (!from.empty() && from.front() != '+') {
    std::string with_plus = "+";
    with_plus.append(from.substr(0, address_normalizer::max_text_bytes));
    return phone_number::parse(with_plus);
  }
  return phone_number::parse(from);
}

result<void> check_reply_texts(const incoming_reply& reply, std::size_t max_text_bytes) {
  if (auto text = check_text("reply text", reply.text, max_text_bytes); !text) return text;
  return check_text("short code", reply.short_code, max_short_code_bytes);
}

// The statuses of a log whose message reached (or may have reached) its number.
const std::vector<log_status>& reached_statuses() {
  static const std::vector<log_status> statuses = {log_status::sent_to_provider, log_status::taken_into_account,
                                                   log_status::received_on_mobile, log_status::failed};
  return statuses;
}

}  // namespace

namespace {

// The entry an applied action leaves for (number, short code), or nothing when the action
// changes nothing: already opted out, or no opt-out to lift.
std::optional<quarantine_entry> entry_after(reply_action action, const quarantine_key& key,
                                            const std::optional<quarantine_entry>& current, const reply_record& reply) {
  if (action == reply_action::send_to_quarantine) return opted_out(key, current, reply.text, reply.received, reply.delivery);
  if (action == reply_action::remove_from_quarantine && current && current->status == quarantine_status::denylisted &&
      current->last_error_reason == failure_reason::opted_out) {
    return released(*current, reply.received);
  }
  return std::nullopt;
}

}  // namespace

result<quarantine_entry> tracker::release(const quarantine_key& key) {
  const timestamp now = impl_->now();
  return set_entry(impl_->quarantine, key, [&](const std::optional<quarantine_entry>& current) -> result<quarantine_entry> {
    if (!current) {
      return error{errc::unknown_entry, "no quarantine entry for " + std::string(key.address.to_string()) +
                                            (key.short_code.empty() ? "" : " on short code " + key.short_code)};
    }
    return released(*current, now);
  });
}

result<quarantine_entry> tracker::allowlist(const quarantine_key& key) {
  if (key.address.empty()) return error{errc::invalid_address, "an allowlisted entry needs an address"};
  const timestamp now = impl_->now();
  return set_entry(impl_->quarantine, key, [&](const std::optional<quarantine_entry>& current) -> result<quarantine_entry> {
    quarantine_entry entry = current.value_or(quarantine_entry{key.address, key.short_code});
    if (!current) entry.created = now;
    entry.status = quarantine_status::allowlisted;
    entry.updated = now;
    return entry;
  });
}

result<void> tracker::set_keyword_rules(std::vector<keyword_rule> rules) {
  if (auto valid = validate(rules); !valid) return valid;
  impl_->keyword_rules.replace(std::move(rules));
  return {};
}

result<reply_outcome> tracker::on_reply(const incoming_reply& in) {
  auto address = sender_of(in.from);
  if (!address) return address.error();
  if (auto texts = check_reply_texts(in, impl_->options.max_reply_text_bytes); !texts) return texts.error();
  reply_record record{0, impl_->now(), *address, std::string(in.short_code), std::string(in.text), {}, {}, {}};
  reply_outcome outcome;
  reply_action wanted = reply_action::none;
  if (const auto hit = impl_->keyword_rules.match(in.short_code, in.text)) {
    outcome.rule = hit->first;
    record.rule = static_cast<std::uint32_t>(hit->first);
    wanted = hit->second.action;
    outcome.reply = hit->second.reply;
  }
  if (in.delivery) {
    if (auto rt = impl_->deliveries.runtime_of(*in.delivery); !rt) return rt.error();
    record.delivery = in.delivery;
  } else {
    const history_query query{record.received - impl_->options.reply_attribution, 0, reached_statuses()};
    address_history history[1];
    if (auto read = impl_->store().logs().history({&*address, 1}, query, history); !read) {
      return read.error();
    }
    if (history[0].latest) record.delivery = history[0].latest->delivery;
  }
  // The reply and the entry its keyword asks for, in one unit.
  const quarantine_key key{*address, record.short_code};
  event_id stored_as = 0;
  auto changed = impl_->quarantine.change_entry(
      key,
      [&](const std::optional<quarantine_entry>& current) -> result<std::optional<quarantine_entry>> {
        return entry_after(wanted, key, current, record);
      },
      [&](const std::optional<quarantine_entry>& entry) -> result<void> {
        record.action = entry ? wanted : reply_action::none;
        unit_of_work unit;
        unit.replies = std::span<const reply_record>(&record, 1);
        unit.reply_ids = std::span<event_id>(&stored_as, 1);
        return engine_detail::commit_with_entry(impl_->store(), unit, entry);
      });
  if (!changed) return changed.error();
  outcome.id = stored_as;
  outcome.action = record.action;
  outcome.delivery = record.delivery;
  if (record.action == reply_action::send_to_quarantine && record.delivery) {
    // Counters not loaded yet will count the stored reply when they are.
    (void)impl_->deliveries.locked(
        *record.delivery,
        [](delivery_runtime& rt) -> result<void> {
          rt.count_opt_out_reply();
          return {};
        },
        false);
  }
  return outcome;
}

result<std::vector<reply_record>> tracker::replies(const reply_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  return impl_->store().replies().page(query);
}

SMSTRACK_END_NAMESPACE
