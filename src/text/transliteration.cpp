#include <smstrack/text/transliteration.hpp>

#include <smstrack/text/sms_encoding.hpp>

#include "utf8_decode.hpp"

#include <algorithm>
#include <array>
#include <iterator>

SMSTRACK_BEGIN_NAMESPACE
namespace {

struct look_alike {
  char32_t code_point;
  const char* replacement;
};

// Sorted by code point. Only characters outside GSM-7; replacements only use GSM-7 characters.
constexpr look_alike look_alikes[] = {
    {U'\t', " "}, {U'`', "'"},
    {0x00A0, " "}, {U'¢', "c"}, {U'¦', "|"}, {U'¨', "\""}, {U'©', "(c)"}, {U'ª', "a"}, {U'«', "\""},
    {0x00AD, ""}, {U'®', "(R)"}, {U'¯', "-"}, {U'°', "o"}, {U'²', "2"}, {U'³', "3"}, {U'´', "'"},
    {U'µ', "u"}, {U'·', "."}, {U'¹', "1"}, {U'º', "o"}, {U'»', "\""}, {U'¼', "1/4"}, {U'½', "1/2"},
    {U'¾', "3/4"}, {U'À', "A"}, {U'Á', "A"}, {U'Â', "A"}, {U'Ã', "A"}, {U'È', "E"}, {U'Ê', "E"},
    {U'Ë', "E"}, {U'Ì', "I"}, {U'Í', "I"}, {U'Î', "I"}, {U'Ï', "I"}, {U'Ð', "D"}, {U'Ò', "O"},
    {U'Ó', "O"}, {U'Ô', "O"}, {U'Õ', "O"}, {U'×', "x"}, {U'Ù', "U"}, {U'Ú', "U"}, {U'Û', "U"},
    {U'Ý', "Y"}, {U'Þ', "TH"}, {U'á', "a"}, {U'â', "a"}, {U'ã', "a"}, {U'ç', "Ç"}, {U'ê', "e"},
    {U'ë', "e"}, {U'í', "i"}, {U'î', "i"}, {U'ï', "i"}, {U'ð', "d"}, {U'ó', "o"}, {U'ô', "o"},
    {U'õ', "o"}, {U'÷', "/"}, {U'ú', "u"}, {U'û', "u"}, {U'ý', "y"}, {U'þ', "th"}, {U'ÿ', "y"},
    {U'Ā', "A"}, {U'ā', "a"}, {U'Ă', "A"}, {U'ă', "a"}, {U'Ą', "A"}, {U'ą', "a"}, {U'Ć', "C"},
    {U'ć', "c"}, {U'Ĉ', "C"}, {U'ĉ', "c"}, {U'Ċ', "C"}, {U'ċ', "c"}, {U'Č', "C"}, {U'č', "c"},
    {U'Ď', "D"}, {U'ď', "d"}, {U'Đ', "D"}, {U'đ', "d"}, {U'Ē', "E"}, {U'ē', "e"}, {U'Ĕ', "E"},
    {U'ĕ', "e"}, {U'Ė', "E"}, {U'ė', "e"}, {U'Ę', "E"}, {U'ę', "e"}, {U'Ě', "E"}, {U'ě', "e"},
    {U'Ĝ', "G"}, {U'ĝ', "g"}, {U'Ğ', "G"}, {U'ğ', "g"}, {U'Ġ', "G"}, {U'ġ', "g"}, {U'Ģ', "G"},
    {U'ģ', "g"}, {U'Ĥ', "H"}, {U'ĥ', "h"}, {U'Ħ', "H"}, {U'ħ', "h"}, {U'Ĩ', "I"}, {U'ĩ', "i"},
    {U'Ī', "I"}, {U'ī', "i"}, {U'Ĭ', "I"}, {U'ĭ', "i"}, {U'Į', "I"}, {U'į', "i"}, {U'İ', "I"},
    {U'ı', "i"}, {U'Ĳ', "IJ"}, {U'ĳ', "ij"}, {U'Ĵ', "J"}, {U'ĵ', "j"}, {U'Ķ', "K"}, {U'ķ', "k"},
    {U'Ĺ', "L"}, {U'ĺ', "l"}, {U'Ļ', "L"}, {U'ļ', "l"}, {U'Ľ', "L"}, {U'ľ', "l"}, {U'Ŀ', "L"},
    {U'ŀ', "l"}, {U'Ł', "L"}, {U'ł', "l"}, {U'Ń', "N"}, {U'ń', "n"}, {U'Ņ', "N"}, {U'ņ', "n"},
    {U'Ň', "N"}, {U'ň', "n"}, {U'Ō', "O"}, {U'ō', "o"}, {U'Ŏ', "O"}, {U'ŏ', "o"}, {U'Ő', "O"},
    {U'ő', "o"}, {U'Œ', "OE"}, {U'œ', "oe"}, {U'Ŕ', "R"}, {U'ŕ', "r"}, {U'Ŗ', "R"}, {U'ŗ', "r"},
    {U'Ř', "R"}, {U'ř', "r"}, {U'Ś', "S"}, {U'ś', "s"}, {U'Ŝ', "S"}, {U'ŝ', "s"}, {U'Ş', "S"},
    {U'ş', "s"}, {U'Š', "S"}, {U'š', "s"}, {U'Ţ', "T"}, {U'ţ', "t"}, {U'Ť', "T"}, {U'ť', "t"},
    {U'Ŧ', "T"}, {U'ŧ', "t"}, {U'Ũ', "U"}, {U'ũ', "u"}, {U'Ū', "U"}, {U'ū', "u"}, {U'Ŭ', "U"},
    {U'ŭ', "u"}, {U'Ů', "U"}, {U'ů', "u"}, {U'Ű', "U"}, {U'ű', "u"}, {U'Ų', "U"}, {U'ų', "u"},
    {U'Ŵ', "W"}, {U'ŵ', "w"}, {U'Ŷ', "Y"}, {U'ŷ', "y"}, {U'Ÿ', "Y"}, {U'Ź', "Z"}, {U'ź', "z"},
    {U'Ż', "Z"}, {U'ż', "z"}, {U'Ž', "Z"}, {U'ž', "z"}, {U'ƒ', "f"}, {U'Ș', "S"}, {U'ș', "s"},
    {U'Ț', "T"}, {U'ț', "t"}, {U'ˆ', "^"}, {U'˜', "~"},
    // Greek capitals drawn like Latin ones (the others, Δ Φ Γ Λ Ω Π Ψ Σ Θ Ξ, are in GSM-7).
    {U'Ά', "A"}, {U'Έ', "E"}, {U'Ή', "H"}, {U'Ί', "I"}, {U'Ό', "O"}, {U'Ύ', "Y"}, {U'Α', "A"}, {U'Β', "B"},
    {U'Ε', "E"}, {U'Ζ', "Z"}, {U'Η', "H"}, {U'Ι', "I"}, {U'Κ', "K"}, {U'Μ', "M"}, {U'Ν', "N"}, {U'Ο', "O"},
    {U'Ρ', "P"}, {U'Τ', "T"}, {U'Υ', "Y"}, {U'Χ', "X"},
    {0x2000, " "}, {0x2001, " "}, {0x2002, " "}, {0x2003, " "}, {0x2004, " "}, {0x2005, " "},
    {0x2006, " "}, {0x2007, " "}, {0x2008, " "}, {0x2009, " "}, {0x200A, " "}, {0x200B, ""},
    {0x200C, ""}, {0x200D, ""}, {0x2010, "-"}, {0x2011, "-"}, {0x2012, "-"}, {0x2013, "-"},
    {0x2014, "-"}, {0x2015, "-"}, {0x2018, "'"}, {0x2019, "'"}, {0x201A, "'"}, {0x201B, "'"},
    {0x201C, "\""}, {0x201D, "\""}, {0x201E, "\""}, {0x201F, "\""}, {0x2022, "-"}, {0x2026, "..."},
    {0x202F, " "}, {0x2032, "'"}, {0x2033, "\""}, {0x2039, "'"}, {0x203A, "'"}, {0x205F, " "},
    {0x2060, ""}, {0x2122, "TM"}, {0x2212, "-"}, {0x3000, " "}, {0xFEFF, ""},
};

constexpr bool sorted_by_code_point() {
  for (std::size_t i = 1; i < std::size(look_alikes); ++i) {
    if (look_alikes[i - 1].code_point >= look_alikes[i].code_point) return false;
  }
  return true;
}
static_assert(sorted_by_code_point(), "look_alikes must be sorted by code point, without repeats");

}  // namespace

const char* gsm7_look_alike(char32_t code_point) noexcept {
  const auto* found = std::lower_bound(std::begin(look_alikes), std::end(look_alikes), code_point,
                                       [](const look_alike& entry, char32_t cp) { return entry.code_point < cp; });
  if (found == std::end(look_alikes) || found->code_point != code_point) return nullptr;
  return found->replacement;
}

result<std::string> transliterate_to_gsm7(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t kept_from = 0;  // start of the run copied as is
  for (std::size_t i = 0; i < text.size();) {
    const utf8::decoded c = utf8::decode(text, i);
    if (c.bytes == 0) return utf8::invalid_at("text", i);
    const char* replacement = gsm7_cost(c.code_point) == 0 ? gsm7_look_alike(c.code_point) : nullptr;
    if (replacement != nullptr) {
      out.append(text.substr(kept_from, i - kept_from));
      out.append(replacement);
      kept_from = i + c.bytes;
    }
    i += c.bytes;
  }
  out.append(text.substr(kept_from));
  return out;
}

SMSTRACK_END_NAMESPACE
