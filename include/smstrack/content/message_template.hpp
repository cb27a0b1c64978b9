// A delivery's content as a template (SPEC §7, personalization): literal text and `{{field}}`
// placeholders, parsed once and rendered per recipient from the recipient's fields.
//
// Syntax: `{{` opens a placeholder and `}}` closes it; inside, a field name — a letter or `_`,
// then letters, digits, `_`, `.` or `-` — optionally surrounded by blanks (`{{ first_name }}`).
// A single `{` or `}` is literal text. A field the recipient does not have renders as nothing.
//
// Thread safety: a parsed template is immutable; render may be called from several threads.
// Complexity: parse is linear in the content; render is linear in the output, looking each
// placeholder's field up among the recipient's fields.
#pragma once

#include <smstrack/config.hpp>
#include <smstrack/error.hpp>
#include <smstrack/model/recipient.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE

class message_template {
 public:
  /// One piece of the content: literal text, or a placeholder and the field it names.
  struct piece {
    std::size_t offset = 0;  ///< in the content
    std::size_t length = 0;  ///< bytes of the content it spans (for a placeholder: braces included)
    bool placeholder = false;
    std::size_t name_offset = 0;  ///< a placeholder's field name, in the content
    std::size_t name_length = 0;
  };

  /// The template of an empty content.
  message_template() = default;

  /// Parses a content. Errors: invalid_text when the content is not valid UTF-8 or holds a NUL
  /// byte, when a `{{` has no `}}`, or when a placeholder's field name is empty or malformed
  /// (each naming the byte offset).
  [[nodiscard]] static result<message_template> parse(std::string_view content);

  [[nodiscard]] const std::string& content() const noexcept { return content_; }
  [[nodiscard]] std::span<const piece> pieces() const noexcept { return pieces_; }
  /// A placeholder's field name.
  [[nodiscard]] std::string_view field_of(const piece& p) const noexcept {
    return std::string_view(content_).substr(p.name_offset, p.name_length);
  }
  /// The field names the content uses, in order of first use, each once.
  [[nodiscard]] std::vector<std::string_view> fields() const;
  [[nodiscard]] bool personalized() const noexcept;

  /// Appends the message for a recipient with `fields` to `out`.
  void render(std::span<const recipient_field> fields, std::string& out) const;

 private:
  std::string content_;
  std::vector<piece> pieces_;
};

SMSTRACK_END_NAMESPACE
