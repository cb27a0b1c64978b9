// The user-agent patterns of the isbot list as the click classifier matches them (internal):
// literal entries with conditions on their surroundings, and whole-agent shapes. The tables are
// generated into bot_patterns.inc by cmake/generate-bot-patterns.py.
#pragma once

#include <smstrack/config.hpp>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

SMSTRACK_BEGIN_NAMESPACE
namespace tracking_detail {

/// A condition on one side of a literal.
enum class edge : std::uint8_t {
  any,                          ///< anything, or nothing
  word_boundary,                ///< \b: a word character on one side only (ASCII [A-Za-z0-9_])
  word_boundary_or_underscore,  ///< \b, or an underscore after
  digit,                        ///< an ASCII digit after
};

/// Lower-case text found anywhere in the user agent (or at its start), with its conditions.
struct bot_literal {
  std::string_view pattern;  ///< the list's pattern, or a known fetcher's name
  std::string_view text;
  bool at_start = false;
  edge before = edge::any;
  edge after = edge::any;
  std::array<std::string_view, 2> not_preceded_by{};  ///< "" unused
  std::array<std::string_view, 3> not_followed_by{};  ///< "" unused
};

/// The whole-agent tests no literal expresses, one per isbot pattern.
enum class bot_shape_kind : std::uint8_t {
  at_domain,                  ///< @[a-z][\w-]+\.
  name_and_version_only,      ///< ^[\w .\-(?:):%]+(/v?1.2.3)?(,|$)
  long_without_space,         ///< ^[^ ]{50,}$
  leading_number,             ///< ^\d+\b
  first_word_ends_in_search,  ///< ^\w*search\b
  single_product_token,       ///< ^\w+/[\w()]*$
  mozilla_and_one_word,       ///< ^mozilla/\d\.\d\s[\w.-]+$
  mozilla_compatible_bare,    ///< ^mozilla/\d\.\d\s\(compatible;?(\s\w+/\d+\.\d+)?\)$
  template_placeholder,       ///< ^{{.*}}$
};

struct bot_shape {
  std::string_view pattern;
  bot_shape_kind kind;
};

std::span<const bot_literal> isbot_literal_table() noexcept;
std::span<const bot_shape> isbot_shape_table() noexcept;

/// Whether a literal found at [start, end) of `agent` meets its conditions.
bool meets_conditions(const bot_literal& literal, std::string_view agent, std::size_t start, std::size_t end) noexcept;
/// Whether `agent` has the shape.
bool has_shape(bot_shape_kind kind, std::string_view agent) noexcept;

}  // namespace tracking_detail
SMSTRACK_END_NAMESPACE
