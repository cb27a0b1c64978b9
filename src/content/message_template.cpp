#include <smstrack/content/message_template.hpp>

#include <smstrack/text/utf8.hpp>

#include "../text/ascii.hpp"
#include "../text/quote_input.hpp"

#include <algorithm>
#include <limits>

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr bool is_name_start(char c) noexcept { return ascii::is_alpha(c) || c == '_'; }
constexpr bool is_name_char(char c) noexcept {
  return is_name_start(c) || ascii::is_digit(c) || c == '.' || c == '-';
}

error malformed(std::string why, std::size_t offset) {
  return error{errc::invalid_text, "content: " + std::move(why) + " (byte " + std::to_string(offset) + ")"};
}

// The field name of the placeholder whose braces span [open, close + 2), or an error.
result<std::string_view> field_name(std::string_view content, std::size_t open, std::size_t close) {
  const std::string_view name = ascii::trim(content.substr(open + 2, close - open - 2));
  if (name.empty()) return malformed("placeholder without a field name", open);
  if (!is_name_start(name.front()) || !std::all_of(name.begin(), name.end(), is_name_char)) {
    return malformed("placeholder field name " + quote_input(name) +
                         " is not a letter or _ followed by letters, digits, _, . or -",
                     open);
  }
  return name;
}

}  // namespace

result<message_template> message_template::parse(std::string_view content) {
  if (auto ok = check_text("content", content, std::numeric_limits<std::size_t>::max()); !ok) return ok.error();
  message_template parsed;
  parsed.content_ = std::string(content);
  std::size_t literal_start = 0;
  for (std::size_t at = content.find("{{"); at != std::string_view::npos; at = content.find("{{", at)) {
    const std::size_t close = content.find("}}", at + 2);
    if (close == std::string_view::npos) return malformed("'{{' without '}}'", at);
    auto name = field_name(content, at, close);
    if (!name) return name.error();
    if (at > literal_start) parsed.pieces_.push_back({literal_start, at - literal_start, false, {}});
    const auto name_offset = static_cast<std::size_t>(name->data() - content.data());
    parsed.pieces_.push_back({at, close + 2 - at, true, name_offset, name->size()});
    at = literal_start = close + 2;
  }
  if (literal_start < content.size()) {
    parsed.pieces_.push_back({literal_start, content.size() - literal_start, false, 0, 0});
  }
  return parsed;
}

std::vector<std::string_view> message_template::fields() const {
  std::vector<std::string_view> names;
  for (const piece& p : pieces_) {
    if (p.placeholder && std::find(names.begin(), names.end(), field_of(p)) == names.end()) {
      names.push_back(field_of(p));
    }
  }
  return names;
}

bool message_template::personalized() const noexcept {
  return std::any_of(pieces_.begin(), pieces_.end(), [](const piece& p) { return p.placeholder; });
}

void message_template::render(std::span<const recipient_field> fields, std::string& out) const {
  const std::string_view content = content_;
  for (const piece& p : pieces_) {
    if (!p.placeholder) {
      out.append(content.substr(p.offset, p.length));
      continue;
    }
    if (const std::string* value = find_field(fields, field_of(p))) out.append(*value);
  }
}

SMSTRACK_END_NAMESPACE
