// Message templates and sender ids. A parsed template's pieces cover its content exactly, in
// order; a placeholder is `{{`, a field name, `}}`; rendering gives the literal pieces and the
// recipient's values in their places. A sender id is accepted exactly when the rules written
// here, independently of the library, accept it. Every refusal is a precise, valid UTF-8 error.
#include <smstrack/content/message_template.hpp>
#include <smstrack/content/sender_id.hpp>
#include <smstrack/text/utf8.hpp>

#include "fuzz_check.hpp"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace smstrack;

void check_refusal(const error& e, errc expected) {
  FUZZ_CHECK(e == expected && !e.detail().empty() && is_valid_utf8(e.detail()));
}

void check_template(const message_template& t, FuzzedDataProvider& in) {
  const std::string_view content = t.content();
  std::size_t end = 0;
  std::vector<recipient_field> fields;
  for (const auto& piece : t.pieces()) {
    FUZZ_CHECK(piece.offset == end && piece.length > 0 && piece.length <= content.size() - end);
    end = piece.offset + piece.length;
    if (!piece.placeholder) continue;
    const std::string_view whole = content.substr(piece.offset, piece.length);
    FUZZ_CHECK(whole.starts_with("{{") && whole.ends_with("}}") && !t.field_of(piece).empty());
    FUZZ_CHECK(piece.name_offset > piece.offset && piece.name_offset + piece.name_length < end);
    fields.push_back({std::string(t.field_of(piece)), in.ConsumeRandomLengthString(20)});
  }
  FUZZ_CHECK(end == content.size());
  FUZZ_CHECK(t.personalized() == !fields.empty());
  const auto names = t.fields();
  FUZZ_CHECK(std::all_of(names.begin(), names.end(), [&](std::string_view n) {
    return std::count(names.begin(), names.end(), n) == 1;
  }));

  // The first value given for a name is the one rendered.
  std::string expected;
  for (const auto& piece : t.pieces()) {
    if (!piece.placeholder) {
      expected += content.substr(piece.offset, piece.length);
      continue;
    }
    const auto field = std::find_if(fields.begin(), fields.end(),
                                    [&](const recipient_field& f) { return f.name == t.field_of(piece); });
    expected += field->value;
  }
  std::string rendered;
  t.render(fields, rendered);
  FUZZ_CHECK(rendered == expected);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool valid_sender(std::string_view s) {
  if (s.empty()) return true;
  const bool all_digits = std::all_of(s.begin(), s.end(), is_digit);
  if (s.front() == '+' || all_digits) {
    return s.size() <= 21 && s.size() > (s.front() == '+' ? 1u : 0u) && std::all_of(s.begin() + 1, s.end(), is_digit);
  }
  const auto allowed = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           std::string_view(" .-_&'").find(c) != std::string_view::npos;
  };
  return s.size() <= 11 && std::all_of(s.begin(), s.end(), allowed) && s.front() != ' ' && s.back() != ' ';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const std::string sender = in.ConsumeRandomLengthString(24);
  const auto checked = check_sender(sender);
  FUZZ_CHECK(checked.has_value() == valid_sender(sender));
  if (!checked) check_refusal(checked.error(), errc::invalid_sender);

  const std::string content = in.ConsumeRandomLengthString(2000);
  const auto parsed = message_template::parse(content);
  if (!parsed) {
    check_refusal(parsed.error(), errc::invalid_text);
    return 0;
  }
  FUZZ_CHECK(parsed->content() == content);
  check_template(*parsed, in);
  return 0;
}
