// Tracking tokens (SPEC §10): the last path segment of a tracking link,
// `https://<tracking host>/<token>`, naming one (delivery, log, tracked URL) so that a click
// resolves to that log and URL — and that nobody can forge, alter or enumerate.
//
// A token is base64url (RFC 4648 §5, no padding) of: the key id, the delivery id, the log id and
// the URL id as unsigned LEB128 varints, then a 64-bit tag: SipHash-2-4 (libsodium's
// crypto_shorthash_siphash24, a keyed pseudo-random function designed as a MAC for short
// inputs) under a 128-bit secret key, over a context string and those varints. A token for a
// small delivery is 18 characters (delivery 3, log 1500, URL 1); at most 64. Verification
// is strict: base64url must be canonical (no padding, no stray bits), varints minimal, and the
// tag compared in constant time, so any altered character is refused.
//
// Keys rotate: each key has an id carried in the token, new tokens use the current key, and a
// token verifies as long as its key is still known (see ports/tracking_keys.hpp).
//
// Thread safety: token_signer is immutable after construction; all functions are pure.
// Complexity: O(1), no allocation beyond the output string.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/ids.hpp>

#include <boost/describe/class.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE

inline constexpr std::size_t tracking_key_bytes = 16;
inline constexpr std::size_t tracking_tag_bytes = 8;
/// The longest token: four 10-byte varints and the tag, in base64url.
inline constexpr std::size_t max_token_length = ((4 * 10 + tracking_tag_bytes) * 4 + 2) / 3;

/// A secret key of tracking tokens, named by a non-zero id.
struct tracking_key {
  std::uint32_t id = 0;
  std::array<unsigned char, tracking_key_bytes> secret{};
  friend bool operator==(const tracking_key&, const tracking_key&) = default;
};

/// A key from its id and its secret as 32 hex digits (e.g. read from a secret store).
/// Errors: invalid_argument (id 0, or not 32 hex digits).
[[nodiscard]] result<tracking_key> make_tracking_key(std::uint32_t id, std::string_view secret_hex);

/// What a token names.
struct token_fields {
  delivery_id delivery = 0;
  log_id log = 0;
  url_id url = 0;
  friend bool operator==(const token_fields&, const token_fields&) = default;
};
BOOST_DESCRIBE_STRUCT(token_fields, (), (delivery, log, url))

/// Signs and verifies tokens with one key.
class token_signer {
 public:
  /// Errors: invalid_argument (key id 0).
  [[nodiscard]] static result<token_signer> make(const tracking_key& key);

  [[nodiscard]] std::uint32_t key_id() const noexcept { return key_.id; }

  /// Appends the token for `fields` to `out`.
  void sign(const token_fields& fields, std::string& out) const;
  [[nodiscard]] std::string sign(const token_fields& fields) const;
  /// The length sign() appends for `fields`.
  [[nodiscard]] std::size_t token_length(const token_fields& fields) const noexcept;

  /// What a token signed with this key names. Errors: invalid_token — "not base64url"
  /// (a character outside the alphabet, an impossible length, or stray bits), "truncated",
  /// "malformed" (a varint that is not minimal or overflows, or bytes left over), "signed with
  /// key n, not m", or "tag mismatch" (altered or forged).
  [[nodiscard]] result<token_fields> verify(std::string_view token) const;

 private:
  explicit token_signer(const tracking_key& key) noexcept : key_(key) {}
  tracking_key key_;
};

/// The id of the key a token claims to be signed with, to find that key before verifying.
/// Errors: invalid_token ("empty", "not base64url", "truncated", "malformed").
[[nodiscard]] result<std::uint32_t> token_key_id(std::string_view token);

SMSTRACK_END_NAMESPACE
