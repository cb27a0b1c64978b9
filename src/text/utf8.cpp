#include <smstrack/text/utf8.hpp>

#include "utf8_decode.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

SMSTRACK_BEGIN_NAMESPACE

std::size_t first_invalid_utf8(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      // ASCII runs go eight bytes at a time: a word with no high bit is eight ASCII bytes.
      for (std::uint64_t word = 0; i + 8 <= size; i += 8) {
        std::memcpy(&word, bytes + i, 8);
        if (!utf8::is_ascii_word(word)) break;
      }
      continue;
    }
    const std::size_t length = utf8::decode(text, i).bytes;
    if (length == 0) return i;
    i += length;
  }
  return size;
}

result<void> check_text(std::string_view what, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    return error{errc::invalid_text, std::string(what) + " has " + std::to_string(text.size()) +
                                         " bytes, more than the limit of " + std::to_string(max_bytes)};
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != text.size()) {
    return utf8::invalid_at(what, bad);
  }
  if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    return error{errc::invalid_text, std::string(what) + " contains a NUL byte (byte " + std::to_string(nul) + ")"};
  }
  return {};
}

std::string storable_utf8(std::string_view text, std::size_t max_bytes) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(std::min(text.size(), max_bytes));
  while (!text.empty()) {
    // A NUL byte is valid UTF-8, but no store keeps it in text: it is replaced too.
    const std::size_t valid = std::min(first_invalid_utf8(text), text.find('\0'));
    std::string_view run = text.substr(0, valid);
    if (out.size() + run.size() > max_bytes) {
      std::size_t cut = max_bytes - out.size();
      while (cut > 0 && (static_cast<unsigned char>(run[cut]) & 0xC0) == 0x80) --cut;  // not mid-character
      out.append(run.substr(0, cut));
      return out;
    }
    out.append(run);
    if (valid == text.size()) break;
    if (out.size() + replacement.size() > max_bytes) return out;
    out.append(replacement);
    text.remove_prefix(valid + 1);
  }
  return out;
}

SMSTRACK_END_NAMESPACE
