#include "quote_input.hpp"

#include "utf8_decode.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void escape_byte(unsigned char byte, std::string& out) {
  out += "\\x";
  out += hex_digits[byte >> 4];
  out += hex_digits[byte & 0xf];
}

// C1 controls and the characters that change how the text around them reads without showing.
bool hidden(char32_t cp) noexcept {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF || cp == 0xAD;
}

void escape_code_point(char32_t cp, std::string& out) {
  out += "\\u{";
  bool started = false;
  for (int shift = 20; shift >= 0; shift -= 4) {
    const auto digit = static_cast<unsigned>(cp >> shift) & 0xfu;
    started = started || digit != 0 || shift == 0;
    if (started) out += hex_digits[digit];
  }
  out += '}';
}

}  // namespace

std::string quote_input(std::string_view text, std::size_t shown) {
  std::string out = "\"";
  std::size_t at = 0;
  for (std::size_t count = 0; at < text.size() && count < shown; ++count) {
    const auto byte = static_cast<unsigned char>(text[at]);
    const utf8::decoded character = utf8::decode(text, at);
    if (character.bytes == 0) {
      escape_byte(byte, out);
      ++at;
      continue;
    }
    if (byte < 0x20 || byte == 0x7f || byte == '"' || byte == '\\') {
      escape_byte(byte, out);
    } else if (hidden(character.code_point)) {
      escape_code_point(character.code_point, out);
    } else {
      out.append(text.substr(at, character.bytes));
    }
    at += character.bytes;
  }
  out += at < text.size() ? "...\"" : "\"";
  return out;
}

SMSTRACK_END_NAMESPACE
