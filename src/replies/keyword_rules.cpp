#include <smstrack/replies/keyword_rules.hpp>

#include <smstrack/text/utf8.hpp>

#include "../text/ascii.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr bool is_ascii_alphanumeric(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// Letters and digits, and every byte of a non-ASCII character.
constexpr bool is_word_byte(char c) noexcept {
  return is_ascii_alphanumeric(c) || static_cast<unsigned char>(c) >= 0x80;
}

error refuse(std::size_t index, const std::string& why) {
  return error{errc::invalid_settings, "keyword rule " + std::to_string(index + 1) + ": " + why};
}

}  // namespace

std::vector<keyword_rule> default_keyword_rules() {
  static constexpr std::string_view opt_out_words[] = {"STOP", "ARRET", "CANCEL", "END", "OPTOUT",
                                                        "OPT-OUT", "QUIT", "REMOVE", "TD", "UNSUBSCRIBE"};
  std::vector<keyword_rule> rules;
  for (const std::string_view word : opt_out_words) {
    rules.push_back({std::string(word), {}, reply_action::send_to_quarantine,
                     "You are unsubscribed and will receive no more messages. Reply START to subscribe again."});
  }
  for (const std::string_view word : {"START", "UNSTOP"}) {
    rules.push_back({std::string(word), {}, reply_action::remove_from_quarantine,
                     "You are subscribed again. Reply STOP to unsubscribe."});
  }
  return rules;
}

std::string_view first_word(std::string_view text) noexcept {
  std::size_t begin = 0;
  while (begin < text.size() && !is_word_byte(text[begin])) ++begin;
  std::size_t end = begin;
  while (end < text.size() &&
         (is_word_byte(text[end]) || (text[end] == '-' && end + 1 < text.size() && is_word_byte(text[end + 1])))) {
    ++end;
  }
  return text.substr(begin, end - begin);
}

result<void> validate(std::span<const keyword_rule> rules) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const keyword_rule& rule = rules[i];
    if (rule.keyword.size() > max_keyword_bytes) {
      return refuse(i, "keyword longer than " + std::to_string(max_keyword_bytes) + " bytes");
    }
    if (first_word(rule.keyword) != rule.keyword) return refuse(i, "keyword '" + rule.keyword + "' is not one word");
    if (rule.reply.size() > max_reply_bytes) {
      return refuse(i, "reply text longer than " + std::to_string(max_reply_bytes) + " bytes");
    }
    if (!is_valid_utf8(rule.reply)) return refuse(i, "reply text is not valid UTF-8");
  }
  return {};
}

std::optional<std::size_t> match_keyword(std::span<const keyword_rule> rules, std::string_view short_code,
                                         std::string_view text) noexcept {
  const std::string_view word = first_word(text);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const keyword_rule& rule = rules[i];
    if (!rule.short_code.empty() && rule.short_code != short_code) continue;
    if (rule.keyword.empty() || (!word.empty() && ascii::starts_with_nocase(word, rule.keyword))) return i;
  }
  return std::nullopt;
}

SMSTRACK_END_NAMESPACE
