#include <smstrack/tracking/tracking_token.hpp>

#include "../text/ascii.hpp"

#include <sodium/crypto_shorthash_siphash24.h>
#include <sodium/utils.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

SMSTRACK_BEGIN_NAMESPACE
namespace {

static_assert(tracking_key_bytes == crypto_shorthash_siphash24_KEYBYTES);
static_assert(tracking_tag_bytes == crypto_shorthash_siphash24_BYTES);

// Tagged before the token's bytes, so a tag made for another purpose never verifies here.
constexpr std::string_view tag_context = "smstrack/tracking-token/1";
constexpr std::size_t max_varint_bytes = 10;
constexpr std::size_t max_payload_bytes = 4 * max_varint_bytes;
constexpr std::size_t max_token_bytes = max_payload_bytes + tracking_tag_bytes;

constexpr std::string_view base64url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::array<std::int8_t, 256> base64url_values = [] {
  std::array<std::int8_t, 256> table{};
  table.fill(-1);
  for (std::size_t i = 0; i < base64url.size(); ++i) table[static_cast<unsigned char>(base64url[i])] = static_cast<std::int8_t>(i);
  return table;
}();

struct token_bytes {
  std::array<unsigned char, max_token_bytes> data{};
  std::size_t size = 0;
  void put_varint(std::uint64_t value) noexcept {
    while (value >= 0x80) {
      data[size++] = static_cast<unsigned char>(value | 0x80);
      value >>= 7;
    }
    data[size++] = static_cast<unsigned char>(value);
  }
};

std::size_t varint_size(std::uint64_t value) noexcept {
  std::size_t size = 1;
  for (; value >= 0x80; value >>= 7) ++size;
  return size;
}

constexpr std::size_t encoded_length(std::size_t bytes) noexcept { return (bytes * 4 + 2) / 3; }

error invalid(std::string why) { return error{errc::invalid_token, std::move(why)}; }

void append_base64url(const token_bytes& bytes, std::string& out) {
  std::uint32_t bits = 0;
  int pending = 0;
  for (std::size_t i = 0; i < bytes.size; ++i) {
    bits = (bits << 8) | bytes.data[i];
    pending += 8;
    while (pending >= 6) {
      pending -= 6;
      out.push_back(base64url[(bits >> pending) & 0x3F]);
    }
  }
  if (pending > 0) out.push_back(base64url[(bits << (6 - pending)) & 0x3F]);
}

// Strict decoding: the alphabet only, no padding, a possible length, and zero stray bits.
result<token_bytes> decode_base64url(std::string_view token) {
  if (token.empty()) return invalid("empty");
  if (token.size() > encoded_length(max_token_bytes)) return invalid("malformed: longer than any token");
  if (token.size() % 4 == 1) return invalid("not base64url: impossible length " + std::to_string(token.size()));
  token_bytes bytes;
  std::uint32_t bits = 0;
  int pending = 0;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const std::int8_t value = base64url_values[static_cast<unsigned char>(token[i])];
    if (value < 0) return invalid("not base64url: character at " + std::to_string(i));
    bits = (bits << 6) | static_cast<std::uint32_t>(value);
    pending += 6;
    if (pending >= 8) {
      pending -= 8;
      bytes.data[bytes.size++] = static_cast<unsigned char>(bits >> pending);
    }
  }
  if ((bits & ((1u << pending) - 1)) != 0) return invalid("not base64url: stray bits in the last character");
  return bytes;
}

// Reads a minimal unsigned LEB128 varint of at most `max`.
struct varint_reader {
  const token_bytes& bytes;
  std::size_t at = 0;
  result<std::uint64_t> next(std::uint64_t max, const char* what) {
    std::uint64_t value = 0;
    for (unsigned shift = 0;; shift += 7) {
      if (at >= bytes.size) return invalid("truncated");
      const unsigned char byte = bytes.data[at++];
      if (shift == 63 && byte > 1) return invalid(std::string("malformed: ") + what + " overflows");
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) {
        if (byte == 0 && shift > 0) return invalid(std::string("malformed: ") + what + " is not minimal");
        break;
      }
    }
    if (value > max) return invalid(std::string("malformed: ") + what + " out of range");
    return value;
  }
};

struct parsed_token {
  std::uint32_t key_id = 0;
  token_fields fields;
  std::size_t payload_size = 0;
};

result<parsed_token> parse_payload(const token_bytes& bytes) {
  varint_reader reader{bytes};
  constexpr std::uint64_t max32 = std::numeric_limits<std::uint32_t>::max();
  auto key = reader.next(max32, "key id");
  if (!key) return key.error();
  auto delivery = reader.next(std::numeric_limits<std::uint64_t>::max(), "delivery id");
  if (!delivery) return delivery.error();
  auto log = reader.next(max32, "log id");
  if (!log) return log.error();
  auto url = reader.next(max32, "URL id");
  if (!url) return url.error();
  return parsed_token{static_cast<std::uint32_t>(*key),
                      {*delivery, static_cast<log_id>(*log), static_cast<url_id>(*url)},
                      reader.at};
}

std::array<unsigned char, tracking_tag_bytes> tag_of(const tracking_key& key, const unsigned char* payload,
                                                     std::size_t size) noexcept {
  std::array<unsigned char, tag_context.size() + max_payload_bytes> input{};
  std::memcpy(input.data(), tag_context.data(), tag_context.size());
  std::memcpy(input.data() + tag_context.size(), payload, size);
  std::array<unsigned char, tracking_tag_bytes> tag{};
  crypto_shorthash_siphash24(tag.data(), input.data(), tag_context.size() + size, key.secret.data());
  return tag;
}

}  // namespace

result<tracking_key> make_tracking_key(std::uint32_t id, std::string_view secret_hex) {
  if (id == 0) return error{errc::invalid_argument, "a tracking key id must not be 0"};
  tracking_key key{id, {}};
  if (secret_hex.size() != 2 * tracking_key_bytes) {
    return error{errc::invalid_argument, "a tracking key secret is " + std::to_string(2 * tracking_key_bytes) +
                                             " hex digits, not " + std::to_string(secret_hex.size())};
  }
  for (std::size_t i = 0; i < tracking_key_bytes; ++i) {
    const int high = ascii::hex_value(secret_hex[2 * i]);
    const int low = ascii::hex_value(secret_hex[2 * i + 1]);
    if (high < 0 || low < 0) return error{errc::invalid_argument, "a tracking key secret is hex digits only"};
    key.secret[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return key;
}

result<token_signer> token_signer::make(const tracking_key& key) {
  if (key.id == 0) return error{errc::invalid_argument, "a tracking key id must not be 0"};
  return token_signer(key);
}

std::size_t token_signer::token_length(const token_fields& fields) const noexcept {
  return encoded_length(varint_size(key_.id) + varint_size(fields.delivery) + varint_size(fields.log) +
                        varint_size(fields.url) + tracking_tag_bytes);
}

void token_signer::sign(const token_fields& fields, std::string& out) const {
  token_bytes bytes;
  bytes.put_varint(key_.id);
  bytes.put_varint(fields.delivery);
  bytes.put_varint(fields.log);
  bytes.put_varint(fields.url);
  const auto tag = tag_of(key_, bytes.data.data(), bytes.size);
  std::memcpy(bytes.data.data() + bytes.size, tag.data(), tag.size());
  bytes.size += tag.size();
  append_base64url(bytes, out);
}

std::string token_signer::sign(const token_fields& fields) const {
  std::string out;
  out.reserve(token_length(fields));
  sign(fields, out);
  return out;
}

result<token_fields> token_signer::verify(std::string_view token) const {
  auto bytes = decode_base64url(token);
  if (!bytes) return bytes.error();
  auto parsed = parse_payload(*bytes);
  if (!parsed) return parsed.error();
  const std::size_t tag_bytes = bytes->size - parsed->payload_size;
  if (tag_bytes < tracking_tag_bytes) return invalid("truncated");
  if (tag_bytes > tracking_tag_bytes) return invalid("malformed: bytes after the tag");
  if (parsed->key_id != key_.id) {
    return invalid("signed with key " + std::to_string(parsed->key_id) + ", not " + std::to_string(key_.id));
  }
  const auto expected = tag_of(key_, bytes->data.data(), parsed->payload_size);
  if (sodium_memcmp(expected.data(), bytes->data.data() + parsed->payload_size, tracking_tag_bytes) != 0) {
    return invalid("tag mismatch");
  }
  return parsed->fields;
}

result<std::uint32_t> token_key_id(std::string_view token) {
  auto bytes = decode_base64url(token);
  if (!bytes) return bytes.error();
  auto parsed = parse_payload(*bytes);
  if (!parsed) return parsed.error();
  return parsed->key_id;
}

SMSTRACK_END_NAMESPACE
