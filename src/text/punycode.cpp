#include "punycode.hpp"

#include "ascii.hpp"
#include "utf8_decode.hpp"

SMSTRACK_BEGIN_NAMESPACE
namespace punycode {
namespace {

// RFC 3492 §5: the parameters of Punycode.
constexpr std::uint32_t base = 36;
constexpr std::uint32_t t_min = 1;
constexpr std::uint32_t t_max = 26;
constexpr std::uint32_t skew = 38;
constexpr std::uint32_t damp = 700;
constexpr std::uint32_t initial_bias = 72;
constexpr std::uint32_t initial_n = 0x80;
constexpr std::size_t max_code_points = 63;

// The value of a base-36 digit (a-z, A-Z: 0-25, 0-9: 26-35), or base when it is none.
std::uint32_t digit_value(char c) noexcept {
  if (c >= 'a' && c <= 'z') return static_cast<std::uint32_t>(c - 'a');
  if (c >= 'A' && c <= 'Z') return static_cast<std::uint32_t>(c - 'A');
  if (c >= '0' && c <= '9') return static_cast<std::uint32_t>(c - '0') + 26;
  return base;
}

// RFC 3492 §6.1.
std::uint32_t adapt(std::uint32_t delta, std::uint32_t points, bool first) noexcept {
  delta = first ? delta / damp : delta / 2;
  delta += delta / points;
  std::uint32_t k = 0;
  while (delta > ((base - t_min) * t_max) / 2) {
    delta /= base - t_min;
    k += base;
  }
  return k + (base - t_min + 1) * delta / (delta + skew);
}

bool is_scalar_value(std::uint32_t c) noexcept { return c <= 0x10FFFF && (c < 0xD800 || c > 0xDFFF); }

void append_utf8(utf8_label& out, char32_t c) noexcept {
  auto put = [&](unsigned v) { out.bytes[out.size++] = static_cast<char>(v); };
  if (c < 0x80) {
    put(c);
  } else if (c < 0x800) {
    put(0xC0 | (c >> 6));
    put(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    put(0xE0 | (c >> 12));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  } else {
    put(0xF0 | (c >> 18));
    put(0x80 | ((c >> 12) & 0x3F));
    put(0x80 | ((c >> 6) & 0x3F));
    put(0x80 | (c & 0x3F));
  }
}

utf8_label encode_all(const std::array<char32_t, max_code_points>& points, std::size_t count) noexcept {
  utf8_label out;
  for (std::size_t i = 0; i < count; ++i) append_utf8(out, points[i]);
  return out;
}

// The small letter of `c` in the scripts that have top-level domains with capitals.
char32_t small_letter(char32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3AB && c != 0x3A2) ||
      (c >= 0x410 && c <= 0x42F)) {
    return c + 0x20;
  }
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x531 && c <= 0x556) return c + 0x30;
  return c;
}

}  // namespace

std::optional<utf8_label> decode(std::string_view encoded) noexcept {
  std::array<char32_t, max_code_points> points{};
  std::size_t count = 0;
  // The basic code points are those before the last delimiter.
  const std::size_t delimiter = encoded.rfind('-');
  const std::size_t basic = delimiter == std::string_view::npos ? 0 : delimiter;
  if (basic > max_code_points) return std::nullopt;
  for (std::size_t i = 0; i < basic; ++i) {
    if (static_cast<unsigned char>(encoded[i]) >= 0x80) return std::nullopt;
    points[count++] = static_cast<unsigned char>(encoded[i]);
  }
  std::uint32_t n = initial_n;
  std::uint32_t bias = initial_bias;
  std::uint64_t i = 0;
  for (std::size_t in = delimiter == std::string_view::npos ? 0 : delimiter + 1; in < encoded.size();) {
    const std::uint64_t old_i = i;
    std::uint64_t w = 1;
    for (std::uint32_t k = base;; k += base) {
      if (in >= encoded.size()) return std::nullopt;
      const std::uint32_t digit = digit_value(encoded[in++]);
      if (digit >= base) return std::nullopt;
      i += digit * w;
      const std::uint32_t t = k <= bias ? t_min : (k >= bias + t_max ? t_max : k - bias);
      if (digit < t) break;
      w *= base - t;
      if (i > 0x10FFFF * std::uint64_t{max_code_points + 1} || w > 0x10FFFF * std::uint64_t{base}) return std::nullopt;
    }
    if (count == max_code_points) return std::nullopt;
    const auto points_after = static_cast<std::uint32_t>(count + 1);
    bias = adapt(static_cast<std::uint32_t>(i - old_i), points_after, old_i == 0);
    const std::uint64_t next = n + i / points_after;
    if (next > 0x10FFFF || !is_scalar_value(static_cast<std::uint32_t>(next))) return std::nullopt;
    n = static_cast<std::uint32_t>(next);
    i %= points_after;
    for (std::size_t k = count; k > i; --k) points[k] = points[k - 1];
    points[static_cast<std::size_t>(i)] = n;
    ++count;
    ++i;
  }
  return encode_all(points, count);
}

std::optional<utf8_label> lower(std::string_view label) noexcept {
  std::array<char32_t, max_code_points> points{};
  std::size_t count = 0;
  for (std::size_t at = 0; at < label.size();) {
    const utf8::decoded c = utf8::decode(label, at);
    if (c.bytes == 0 || count == max_code_points) return std::nullopt;
    points[count++] = small_letter(c.code_point);
    at += c.bytes;
  }
  return encode_all(points, count);
}

}  // namespace punycode
SMSTRACK_END_NAMESPACE
