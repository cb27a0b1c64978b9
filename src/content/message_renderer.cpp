#include <smstrack/content/message_renderer.hpp>

#include <smstrack/text/transliteration.hpp>
#include <smstrack/text/url_detection.hpp>
#include <smstrack/text/utf8.hpp>

#include "../text/host_name.hpp"
#include "../text/quote_input.hpp"

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <algorithm>

SMSTRACK_BEGIN_NAMESPACE
namespace {

// A URL of the content, located in a literal piece or touching a placeholder.
struct url_occurrence {
  std::size_t offset = 0;
  std::size_t length = 0;
  bool personalized = false;
};

// Every URL of the content's text, in order; those that touch or span a placeholder are
// personalized. URLs and pieces both come in order of offset: one walk over each.
std::vector<url_occurrence> urls_in(const message_template& content) {
  std::vector<url_occurrence> found;
  const std::string_view text = content.content();
  const auto& pieces = content.pieces();
  auto piece = pieces.begin();
  for (const url_match& url : find_urls(text)) {
    const std::size_t end = url.offset + url.length;
    while (piece != pieces.end() && piece->offset + piece->length < url.offset) ++piece;
    bool touches = false;
    for (auto p = piece; p != pieces.end() && p->offset <= end && !touches; ++p) touches = p->placeholder;
    found.push_back({url.offset, url.length, touches});
  }
  return found;
}

// The tracked URLs by source URL (the first of each), pointing into `urls`.
using urls_by_source = boost::unordered_flat_map<std::string_view, const tracked_url*>;

urls_by_source index_by_source(std::span<const tracked_url> urls) {
  urls_by_source index;
  index.reserve(urls.size());
  for (const tracked_url& url : urls) index.try_emplace(url.source_url, &url);
  return index;
}

const tracked_url* find_source(const urls_by_source& index, std::string_view source) {
  const auto found = index.find(source);
  return found == index.end() ? nullptr : found->second;
}

}  // namespace

content_links links_of(delivery_id delivery, const message_template& content, std::span<const tracked_url> configured) {
  content_links links;
  const std::string_view text = content.content();
  const urls_by_source settings_of = index_by_source(configured);
  boost::unordered_flat_set<std::string_view> tracked;  // views into `text`, each counted once
  boost::unordered_flat_set<std::string_view> personalized;
  for (const url_occurrence& url : urls_in(content)) {
    const std::string_view source = text.substr(url.offset, url.length);
    if (url.personalized) {
      if (personalized.insert(source).second) links.personalized.emplace_back(source);
      continue;
    }
    if (!tracked.insert(source).second) continue;
    tracked_url entry{delivery, static_cast<url_id>(links.urls.size() + 1), std::string(source),
                      tracked_url_type::click, tracking_mode::enabled, std::string(source)};
    if (const tracked_url* settings = find_source(settings_of, source)) {
      entry.label = settings->label;
      entry.type = settings->type;
      entry.mode = settings->mode;
    }
    links.urls.push_back(std::move(entry));
  }
  return links;
}

result<void> check_tracking_host(std::string_view host) {
  const auto refuse = [&](const std::string& why) {
    return error{errc::invalid_settings, "tracking host " + quote_input(host) + ": " + why};
  };
  if (host.empty()) return {};
  if (host.size() > host_name::max_name) {
    return refuse("longer than " + std::to_string(host_name::max_name) + " characters");
  }
  const auto bad = std::find_if(host.begin(), host.end(), [](char c) { return !host_name::is_label_char(c) && c != '.'; });
  if (bad != host.end()) return refuse("character not allowed in a host name (byte " + std::to_string(bad - host.begin()) + ")");
  if (host_name::label_count(host) == 0) return refuse("labels are 1 to 63 letters, digits or inner hyphens");
  return {};
}

result<message_renderer> message_renderer::make(delivery_id delivery, const message_template& content,
                                                std::span<const tracked_url> urls, rendering_options options) {
  if (auto host = check_tracking_host(options.tracking_host); !host) return host.error();
  message_renderer renderer;
  renderer.delivery_ = delivery;
  renderer.content_ = content;
  const bool tracking = !options.tracking_host.empty();
  // Literal pieces, cut around the tracked links they hold.
  const std::vector<url_occurrence> occurrences = urls_in(content);
  const urls_by_source registered = index_by_source(urls);
  auto next = occurrences.begin();
  for (const auto& p : content.pieces()) {
    if (p.placeholder) {
      renderer.pieces_.push_back({kind::field, p.name_offset, p.name_length, 0});
      continue;
    }
    std::size_t at = p.offset;
    const std::size_t end = p.offset + p.length;
    for (; next != occurrences.end() && next->offset + next->length <= end; ++next) {
      if (next->personalized || next->offset < at) continue;
      const tracked_url* url = find_source(registered, std::string_view(content.content()).substr(next->offset, next->length));
      if (!tracking || url == nullptr || !is_tracked(url->mode)) continue;
      if (next->offset > at) renderer.pieces_.push_back({kind::literal, at, next->offset - at, 0});
      renderer.pieces_.push_back({kind::link, next->offset, next->length, url->id});
      at = next->offset + next->length;
    }
    if (end > at) renderer.pieces_.push_back({kind::literal, at, end - at, 0});
  }
  if (renderer.tracked_links() > 0 && !options.signer) {
    return error{errc::invalid_settings, "tracked links need a token signer (tracking keys)"};
  }
  renderer.options_ = std::move(options);
  return renderer;
}

std::size_t message_renderer::tracked_links() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(pieces_.begin(), pieces_.end(), [](const piece& p) { return p.what == kind::link; }));
}

void message_renderer::append(log_id log, std::span<const recipient_field> fields, std::string& out) const {
  const std::string_view text = content_.content();
  for (const piece& p : pieces_) {
    switch (p.what) {
      case kind::literal:
        out.append(text.substr(p.offset, p.length));
        break;
      case kind::field:
        if (const std::string* value = find_field(fields, text.substr(p.offset, p.length))) out.append(*value);
        break;
      case kind::link:
        out.append("https://");
        out.append(options_.tracking_host);
        out.push_back('/');
        options_.signer->sign({delivery_, log, p.url}, out);
        break;
    }
  }
}

result<segment_count> message_renderer::render(log_id log, std::span<const recipient_field> fields,
                                               std::string& out) const {
  const std::size_t start = out.size();
  append(log, fields, out);
  if (options_.transliterate) {
    auto replaced = transliterate_to_gsm7(std::string_view(out).substr(start));
    if (!replaced) {
      out.resize(start);
      return replaced.error();
    }
    out.replace(start, std::string::npos, *replaced);
  }
  return count_segments(std::string_view(out).substr(start), options_.encoding);
}

result<void> check_fields(std::span<const recipient_field> fields, std::size_t max_value_bytes) {
  for (const recipient_field& field : fields) {
    if (auto ok = check_text("field name", field.name, max_value_bytes); !ok) return ok;
    if (auto ok = check_text("field '" + field.name + "'", field.value, max_value_bytes); !ok) return ok;
  }
  return {};
}

SMSTRACK_END_NAMESPACE
