// Changes to one quarantine entry outside the receipt path: an operator's release and
// allowlisting, and incoming replies (SPEC §5.4, §9) with their keyword rules.
#include "tracker_impl.hpp"

SMSTRACK_BEGIN_NAMESPACE
using engine_detail::stripe_of;

namespace {

// Changes one quarantine entry under its stripe lock; `change` gets the stored entry (or
// nothing) and returns the entry to store, or nothing to leave it as it is. The delivery that
// quarantined the address, if any, has its counters reloaded on next use, since its "new
// quarantines" changed. Returns the entry stored, if one was.
template <class Change>
result<std::optional<quarantine_entry>> change_entry(tracker::impl& self, const quarantine_key& key, Change change) {
  std::optional<delivery_id> recount;
  std::optional<quarantine_entry> stored_entry;
  {
    std::lock_guard lock(self.quarantine_stripes[stripe_of(key.address)]);
    std::optional<quarantine_entry> current[1];
    if (auto got = guarded([&] { return self.store.quarantine().get(std::span<const quarantine_key>(&key, 1), current); });
        !got) {
      return got.error();
    }
    result<std::optional<quarantine_entry>> next = change(current[0]);
    if (!next) return next.error();
    if (!*next) return std::optional<quarantine_entry>{};
    if (auto saved = guarded([&] { return self.store.quarantine().upsert(std::span<const quarantine_entry>(&**next, 1)); });
        !saved) {
      return saved.error();
    }
    if (current[0] && current[0]->quarantined_by && blocks_sending(current[0]->status) != blocks_sending((*next)->status)) {
      recount = current[0]->quarantined_by;
    }
    stored_entry = std::move(*next);
  }
  if (recount) {
    std::shared_ptr<delivery_runtime> rt;
    {
      std::shared_lock lock(self.runtimes_mutex);
      if (const auto found = self.runtimes.find(*recount); found != self.runtimes.end()) rt = found->second;
    }
    if (rt) {
      std::lock_guard lock(rt->mutex);
      rt->loaded = false;
    }
  }
  return stored_entry;
}

// An entry that always changes, for the operator's calls.
template <class Change>
result<quarantine_entry> set_entry(tracker::impl& self, const quarantine_key& key, Change change) {
  auto stored = change_entry(self, key, [&](const std::optional<quarantine_entry>& current)
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

// The entry an applied action leaves for (number, short code), or nothing when the action
// changes nothing: already opted out, or no opt-out to lift.
// The entry of a number that opts out (a STOP reply, an opt-out link), or nothing when it
// already had.
std::optional<quarantine_entry> opted_out(const quarantine_key& key, const std::optional<quarantine_entry>& current,
                                          std::string_view why, timestamp at, std::optional<delivery_id> delivery) {
  if (current && current->status == quarantine_status::denylisted) return std::nullopt;
  quarantine_entry entry = current.value_or(quarantine_entry{key.address, key.short_code});
  if (!current) entry.created = at;
  entry.status = quarantine_status::denylisted;
  entry.last_error_reason = failure_reason::opted_out;
  entry.last_error_text = std::string(why);
  entry.updated = at;
  if (delivery) entry.last_delivery = delivery;
  return entry;
}

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

result<bool> opt_out_by_link(tracker::impl& self, const quarantine_key& key, delivery_id delivery, timestamp at,
                             std::string_view link) {
  auto changed = change_entry(self, key, [&](const std::optional<quarantine_entry>& current)
                                             -> result<std::optional<quarantine_entry>> {
    return opted_out(key, current, "opt-out link " + std::string(link), at, delivery);
  });
  if (!changed) return changed.error();
  return changed->has_value();
}

result<quarantine_entry> tracker::release(const quarantine_key& key) {
  const timestamp now = impl_->clock.now();
  return set_entry(*impl_, key, [&](const std::optional<quarantine_entry>& current) -> result<quarantine_entry> {
    if (!current) {
      return error{errc::unknown_entry, "no quarantine entry for " + std::string(key.address.to_string()) +
                                            (key.short_code.empty() ? "" : " on short code " + key.short_code)};
    }
    return released(*current, now);
  });
}

result<quarantine_entry> tracker::allowlist(const quarantine_key& key) {
  if (key.address.empty()) return error{errc::invalid_address, "an allowlisted entry needs an address"};
  const timestamp now = impl_->clock.now();
  return set_entry(*impl_, key, [&](const std::optional<quarantine_entry>& current) -> result<quarantine_entry> {
    quarantine_entry entry = current.value_or(quarantine_entry{key.address, key.short_code});
    if (!current) entry.created = now;
    entry.status = quarantine_status::allowlisted;
    entry.updated = now;
    return entry;
  });
}

result<void> tracker::set_keyword_rules(std::vector<keyword_rule> rules) {
  if (auto valid = validate(rules); !valid) return valid;
  std::unique_lock lock(impl_->keyword_rules_mutex);
  impl_->keyword_rules = std::move(rules);
  return {};
}

result<reply_outcome> tracker::on_reply(const incoming_reply& in) {
  auto address = sender_of(in.from);
  if (!address) return address.error();
  if (auto texts = check_reply_texts(in, impl_->options.max_reply_text_bytes); !texts) return texts.error();
  reply_record record{0, impl_->clock.now(), *address, std::string(in.short_code), std::string(in.text), {}, {}, {}};
  reply_outcome outcome;
  reply_action wanted = reply_action::none;
  {
    std::shared_lock lock(impl_->keyword_rules_mutex);
    if (const auto hit = match_keyword(impl_->keyword_rules, in.short_code, in.text)) {
      outcome.rule = *hit;
      record.rule = static_cast<std::uint32_t>(*hit);
      wanted = impl_->keyword_rules[*hit].action;
      outcome.reply = impl_->keyword_rules[*hit].reply;
    }
  }
  if (in.delivery) {
    if (auto rt = impl_->runtime_of(*in.delivery); !rt) return rt.error();
    record.delivery = in.delivery;
  } else {
    const history_query query{record.received - impl_->options.reply_attribution, 0, reached_statuses()};
    address_history history[1];
    if (auto read = guarded([&] { return impl_->store.logs().history({&*address, 1}, query, history); }); !read) {
      return read.error();
    }
    if (history[0].latest) record.delivery = history[0].latest->delivery;
  }
  const quarantine_key key{*address, record.short_code};
  auto changed = change_entry(*impl_, key, [&](const std::optional<quarantine_entry>& current)
                                               -> result<std::optional<quarantine_entry>> {
    return entry_after(wanted, key, current, record);
  });
  if (!changed) return changed.error();
  record.action = *changed ? wanted : reply_action::none;
  auto ids = guarded([&] { return impl_->store.replies().append({&record, 1}); });
  if (!ids) return ids.error();
  outcome.id = ids->front();
  outcome.action = record.action;
  outcome.delivery = record.delivery;
  if (record.action == reply_action::send_to_quarantine && record.delivery) {
    // Counters not loaded yet will count the stored reply when they are.
    (void)impl_->locked(
        *record.delivery,
        [](delivery_runtime& rt) -> result<void> {
          if (rt.loaded) ++rt.counts.opt_outs;
          return {};
        },
        false);
  }
  return outcome;
}

result<std::vector<reply_record>> tracker::replies(const reply_query& query) {
  if (auto ok = impl_->check_page(query.limit); !ok) return ok.error();
  return guarded([&] { return impl_->store.replies().page(query); });
}

SMSTRACK_END_NAMESPACE
