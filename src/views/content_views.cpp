#include <smstrack/views/sms_view.hpp>
#include <smstrack/views/tracking_view.hpp>

#include <smstrack/content/message_template.hpp>
#include <smstrack/policy/lifecycle.hpp>
#include <smstrack/text/transliteration.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// The content as a recipient without fields gets it, links as written.
result<std::string> preview_of(const message_template& content, bool transliterate) {
  std::string preview;
  content.render({}, preview);
  if (!transliterate) return preview;
  return transliterate_to_gsm7(preview);
}

}  // namespace

result<sms_view> make_sms_view(tracker& engine, delivery_id id) {
  auto record = engine.get_delivery(id);
  if (!record) return record.error();
  auto urls = engine.tracked_urls(id);
  if (!urls) return urls.error();
  auto content = message_template::parse(record->content);
  if (!content) return content.error();
  auto preview = preview_of(*content, record->settings.transliterate);
  if (!preview) return preview.error();
  auto counted = count_segments(*preview, {record->settings.latin1});
  if (!counted) return counted.error();
  auto outside = characters_outside_gsm7(*preview);
  if (!outside) return outside.error();
  sms_view view;
  view.delivery = id;
  view.content = record->content;
  view.sender = record->sender;
  view.frozen = !is_content_editable(record->state);
  view.preview = std::move(*preview);
  view.preview_count = *counted;
  view.outside_gsm7 = std::move(*outside);
  for (const std::string_view field : content->fields()) view.fields.emplace_back(field);
  view.urls = std::move(*urls);
  view.max_parts = record->settings.max_parts;
  view.transliterate = record->settings.transliterate;
  view.latin1 = record->settings.latin1;
  view.tracking_host = record->settings.tracking_host;
  view.messages = record->messages;
  return view;
}

result<tracking_view> make_tracking_view(tracker& engine, delivery_id id, const click_query& query) {
  auto figures = engine.indicators_of(id);
  if (!figures) return figures.error();
  auto urls = engine.tracked_urls(id);
  if (!urls) return urls.error();
  auto counts = engine.click_counts(id);
  if (!counts) return counts.error();
  auto labels = engine.label_click_counts(id);
  if (!labels) return labels.error();
  auto page = engine.clicks(id, query.after, query.limit);
  if (!page) return page.error();
  tracking_view view;
  view.delivery = id;
  view.clicks = figures->clicks;
  view.human_clicks = figures->human_clicks;
  view.distinct_clicks = figures->distinct_clicks;
  view.click_through_rate = figures->click_through_rate;
  view.opt_outs = figures->opt_outs;
  view.by_class = figures->clicks_by_class;
  for (tracked_url& url : *urls) {
    const auto count = std::find_if(counts->begin(), counts->end(), [&](const url_click_count& c) { return c.url == url.id; });
    if (count == counts->end()) {
      view.urls.push_back({std::move(url), 0, 0, {}});
    } else {
      view.urls.push_back({std::move(url), count->clicks, count->distinct_clicks, count->by_class});
    }
  }
  view.labels = std::move(*labels);
  view.click_logs = std::move(*page);
  if (!view.click_logs.empty() && view.click_logs.size() == query.limit) view.next = view.click_logs.back().id;
  return view;
}

SMSTRACK_END_NAMESPACE
