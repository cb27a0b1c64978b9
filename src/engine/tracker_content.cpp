// The tracker's content and tracking: the URL registry, the renderer of messages and clicks on
// tracking links (SPEC §7, §10).
#include "port_call.hpp"
#include "tracker_impl.hpp"

#include <smstrack/text/url_detection.hpp>
#include <smstrack/tracking/tracking_token.hpp>

#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

using detail::guarded;

constexpr std::size_t max_url_label_bytes = 256;

result<message_template> template_of(const delivery& d) { return message_template::parse(d.content); }

// What a click is about: its URL and its log's number, read under the delivery's lock.
struct click_target {
  tracked_url url;
  log_digest log;  ///< its address keys the opt-out; its ack starts the prefetch window
  std::string short_code;
  bool https_for_bare_links = false;
};

result<click_target> find_click_target(storage& store, delivery_runtime& rt, const token_fields& fields) {
  auto urls = store.tracking().urls(fields.delivery);
  if (!urls) return urls.error();
  const auto url = std::find_if(urls->begin(), urls->end(), [&](const tracked_url& u) { return u.id == fields.url; });
  if (url == urls->end()) {
    return error{errc::unknown_entry, "URL " + std::to_string(fields.url) + " is not registered for delivery " +
                                          std::to_string(fields.delivery)};
  }
  std::optional<log_digest> digest[1];
  const log_id ids[] = {fields.log};
  if (auto read = store.logs().read_digests(fields.delivery, ids, digest); !read) {
    return read.error();
  }
  if (!digest[0]) {
    return error{errc::unknown_log, "log " + std::to_string(fields.log) + " of delivery " + std::to_string(fields.delivery)};
  }
  const delivery_settings& settings = rt.record().settings;
  return click_target{*url, *digest[0], settings.short_code, settings.https_for_bare_links};
}

// From the message's ack (its latest attempt's) to the click; empty when never acknowledged.
std::optional<duration> since_ack(const log_digest& log, timestamp clicked) {
  if (!log.acked) return std::nullopt;
  return clicked - *log.acked;
}

// The verified fields of a token, with the key it names.
result<token_fields> verify_token(tracking_keys* keys, const incoming_click& in) {
  if (keys == nullptr) return error{errc::invalid_settings, "no tracking keys: call set_tracking_keys first"};
  auto key_id = token_key_id(in.token);
  if (!key_id) return key_id.error();
  auto key = guarded([&] { return keys->find(*key_id); });
  if (!key) return key.error();
  if (!*key) return error{errc::invalid_token, "unknown key " + std::to_string(*key_id)};
  auto signer = token_signer::make(**key);
  if (!signer) return signer.error();
  auto fields = signer->verify(in.token);
  if (!fields) return fields.error();
  if (in.delivery && *in.delivery != fields->delivery) {
    return error{errc::invalid_token, "a token of delivery " + std::to_string(fields->delivery) + ", not " +
                                          std::to_string(*in.delivery)};
  }
  return fields;
}

}  // namespace

result<message_renderer> tracker::impl::rendering_of(const delivery& d, std::span<const tracked_url> registry) {
  auto content = template_of(d);
  if (!content) return content.error();
  rendering_options rendering;
  rendering.encoding.latin1 = d.settings.latin1;
  rendering.transliterate = d.settings.transliterate;
  rendering.tracking_host = d.settings.tracking_host;
  const bool tracks = !d.settings.tracking_host.empty() &&
                      std::any_of(registry.begin(), registry.end(), [](const tracked_url& u) { return is_tracked(u.mode); });
  if (tracks) {
    tracking_keys* source = keys.load();
    if (source == nullptr) {
      return error{errc::invalid_settings, "delivery " + std::to_string(d.id) +
                                               " has tracked links: call set_tracking_keys first"};
    }
    auto key = guarded([&] { return source->current(); });
    if (!key) return key.error();
    auto signer = token_signer::make(*key);
    if (!signer) return signer.error();
    rendering.signer = *signer;
  }
  return message_renderer::make(d.id, *content, registry, std::move(rendering));
}

void tracker::set_tracking_keys(tracking_keys* keys) { impl_->keys.store(keys); }

result<void> tracker::configure_urls(delivery_id id, std::span<const tracked_url> settings) {
  for (const tracked_url& url : settings) {
    if (auto ok = check_text("URL label", url.label, max_url_label_bytes); !ok) return ok;
  }
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<void> {
    if (!is_content_editable(rt.record().state)) {
      return error{errc::content_frozen, "delivery " + std::to_string(id) + " is " + name_of(rt.record().state)};
    }
    auto content = template_of(rt.record());
    if (!content) return content.error();
    const content_links links = links_of(id, *content, settings);
    boost::unordered_flat_set<std::string_view> sources;
    for (const tracked_url& url : links.urls) sources.insert(url.source_url);
    for (const tracked_url& wanted : settings) {
      if (!sources.contains(wanted.source_url)) {
        return error{errc::unknown_entry, "the content has no trackable URL written '" + wanted.source_url + "'"};
      }
    }
    if (auto stored = impl_->store().tracking().replace_urls(id, links.urls); !stored) {
      return stored;
    }
    rt.note(impl_->now(), audit_severity::info, audit_code::content_edited,
            std::to_string(settings.size()) + " tracked URL(s) configured");
    return rt.flush_journal(impl_->store());
  }, false);
}

result<std::vector<tracked_url>> tracker::tracked_urls(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<std::vector<tracked_url>> {
    auto stored = impl_->store().tracking().urls(id);
    if (!stored || !is_content_editable(rt.record().state)) return stored;
    auto content = template_of(rt.record());
    if (!content) return content.error();
    return links_of(id, *content, *stored).urls;
  }, false);
}

result<message_renderer> tracker::renderer(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime& rt) -> result<message_renderer> {
    if (!rt.record().analysed || is_content_editable(rt.record().state)) {
      return error{errc::illegal_transition, "delivery " + std::to_string(id) + " is not analysed (" +
                                                 name_of(rt.record().state) + ")"};
    }
    auto urls = impl_->store().tracking().urls(id);
    if (!urls) return urls.error();
    return impl_->rendering_of(rt.record(), *urls);
  }, false);
}

result<click_outcome> tracker::on_click(const incoming_click& in) {
  auto fields = verify_token(impl_->keys.load(), in);
  if (!fields) return fields.error();
  if (auto agent = check_text("user agent", in.user_agent, std::numeric_limits<std::size_t>::max()); !agent) {
    return agent.error();
  }
  auto target = impl_->deliveries.locked(fields->delivery, [&](delivery_runtime& rt) {
    if (!rt.record().started) {
      return result<click_target>(error{errc::illegal_transition, "delivery " + std::to_string(rt.record().id) + " is " +
                                                                     name_of(rt.record().state) +
                                                                     ": clicks count only after the start"});
    }
    return find_click_target(impl_->store(), rt, *fields);
  }, false);
  if (!target) return target.error();
  click stored{fields->delivery, 0, fields->log, fields->url, in.time.value_or(impl_->now()), std::nullopt};
  auto verdict = classify_click({in.user_agent, in.method, since_ack(target->log, stored.time), in.network},
                                impl_->options.click_classification);
  if (!verdict) return verdict.error();
  if (!in.user_agent.empty()) stored.user_agent = storable_utf8(in.user_agent, impl_->options.max_user_agent_bytes);
  stored.kind = verdict->kind;
  stored.why = verdict->why;
  click_outcome outcome{0, fields->delivery, fields->log, fields->url, target->url.source_url,
                        absolute_url(target->url.source_url, target->https_for_bare_links), verdict->kind,
                        std::move(verdict->why), false};
  // The click and, on an opt-out link, its address's entry, in one unit; the delivery's lock
  // (then the address's stripe) keeps its click counters in step with what is stored.
  return impl_->deliveries.locked(fields->delivery, [&](delivery_runtime& rt) -> result<click_outcome> {
    if (auto loaded = rt.load_clickers(impl_->store(), impl_->options.write_batch); !loaded) return loaded.error();
    unit_of_work unit;
    unit.delivery = fields->delivery;
    unit.clicks = std::span<const click>(&stored, 1);
    unit.click_ids = std::span<event_id>(&outcome.click, 1);
    if (effects_of(stored.kind, target->url.type).opt_out) {
      const quarantine_key key{target->log.address, target->short_code};
      auto opted = impl_->quarantine.change_entry(
          key,
          [&](const std::optional<quarantine_entry>& current) -> result<std::optional<quarantine_entry>> {
            return opted_out(key, current, "opt-out link " + target->url.source_url, stored.time, fields->delivery);
          },
          [&](const std::optional<quarantine_entry>& entry) { return engine_detail::commit_with_entry(impl_->store(), unit, entry); });
      if (!opted) return opted.error();
      outcome.opted_out = opted->has_value();
    } else if (auto committed = engine_detail::commit_with_entry(impl_->store(), unit, std::nullopt); !committed) {
      return committed.error();
    }
    rt.count_click(stored, target->url.type);
    return outcome;
  });
}

result<std::vector<click>> tracker::clicks(delivery_id id, event_id after, std::size_t limit) {
  if (auto ok = impl_->check_page(limit); !ok) return ok.error();
  return impl_->deliveries.locked(id, [&](delivery_runtime&) {
    return impl_->store().tracking().clicks(id, after, limit);
  }, false);
}

result<std::vector<url_click_count>> tracker::click_counts(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime&) {
    return impl_->store().tracking().click_counts(id);
  }, false);
}

result<std::vector<label_click_count>> tracker::label_click_counts(delivery_id id) {
  return impl_->deliveries.locked(id, [&](delivery_runtime&) -> result<std::vector<label_click_count>> {
    auto urls = impl_->store().tracking().urls(id);
    if (!urls) return urls.error();
    auto counts = impl_->store().tracking().click_counts(id);
    if (!counts) return counts.error();
    std::vector<label_click_count> labels;
    for (const tracked_url& url : *urls) {
      auto group = std::find_if(labels.begin(), labels.end(), [&](const auto& l) { return l.label == url.label; });
      if (group == labels.end()) group = labels.insert(labels.end(), label_click_count{url.label, {}, 0, 0, {}});
      group->urls.push_back(url.id);
      const auto count = std::find_if(counts->begin(), counts->end(), [&](const auto& c) { return c.url == url.id; });
      if (count != counts->end()) {
        group->clicks += count->clicks;
        group->by_class += count->by_class;
      }
    }
    for (label_click_count& group : labels) {
      auto distinct = impl_->store().tracking().distinct_human_clickers(id, group.urls);
      if (!distinct) return distinct.error();
      group.distinct_clicks = *distinct;
    }
    return labels;
  }, false);
}

SMSTRACK_END_NAMESPACE
