// smstrack-cli: inspect carrier receipts and SMS texts the way smstrack reads them.
//
//   smstrack-cli receipt                      parse each receipt
//   smstrack-cli classify [--connector NAME]  parse, then say what the receipt means
//     options: --ids as_is|decimal|hex_number|hex_string  (the connector's id normalization)
//              --tlv-ids as_is|...  (the TLV ids' own normalization; default: --ids)
//   smstrack-cli segments [--transliterate] [--latin1]  encoding, units and parts of each text
//   smstrack-cli urls                         the URLs of each text, in order
//
// Reads JSON lines on stdin, one object per line:
//   {"text": "<receipt short_message or SMS text>",
//    "tlv": {"receipted_message_id": "...", "message_state": N, "network_error_code": "<hex octets>"}}
// and writes one JSON line per input line (see the README, "Command-line inspector").
#include <smstrack/model/json.hpp>
#include <smstrack/views/labels.hpp>
#include <smstrack/policy/qualification_rules.hpp>
#include <smstrack/receipts/receipt.hpp>
#include <smstrack/receipts/stat_outcome.hpp>
#include <smstrack/text/sms_encoding.hpp>
#include <smstrack/text/transliteration.hpp>
#include <smstrack/text/url_detection.hpp>

#include <boost/json.hpp>

#include <cstdio>
#include <variant>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>

namespace json = boost::json;
using namespace smstrack;

namespace {

enum class command { receipt, classify, segments, urls };

struct cli_options {
  command what = command::receipt;
  std::optional<std::string> connector;
  id_normalization ids = id_normalization::as_is;
  std::optional<id_normalization> tlv_ids;
  bool transliterate = false;
  encoding_options encoding;
};

// A receipt line's inputs, owning what the parsed receipt's views point into.
struct receipt_input {
  std::string text;
  std::optional<std::string> receipted_message_id;
  std::optional<std::uint8_t> message_state;
  std::optional<std::string> network_error_code;  // decoded octets
  bool has_tlv = false;
  bool has_text = false;
  [[nodiscard]] receipt_tlvs tlvs() const {
    receipt_tlvs t;
    if (receipted_message_id) t.receipted_message_id = *receipted_message_id;
    t.message_state = message_state;
    if (network_error_code) t.network_error_code = *network_error_code;
    return t;
  }
};

json::object failure(errc code, std::string_view message) {
  return {{"error", detail::enum_name(code)}, {"message", message}};
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> hex_octets(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = hex_digit(hex[i]);
    const int low = hex_digit(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

// Reads one input line; an error object when the line is not what the contract says.
std::variant<receipt_input, json::object> read_line(std::string_view line) {
  boost::system::error_code ec;
  const json::value value = json::parse(line, ec);
  if (ec) return failure(errc::invalid_json, "line is not JSON: " + ec.message());
  if (!value.is_object()) return failure(errc::unexpected_type, "a line must be a JSON object");
  const json::object& object = value.get_object();
  receipt_input in;
  in.has_text = object.contains("text");
  if (const json::value* text = object.if_contains("text")) {
    if (!text->is_string()) return failure(errc::unexpected_type, "\"text\" must be a string");
    in.text = std::string(text->get_string());
  }
  const json::value* tlv = object.if_contains("tlv");
  if (tlv == nullptr) return in;
  if (!tlv->is_object()) return failure(errc::unexpected_type, "\"tlv\" must be an object");
  in.has_tlv = true;
  const json::object& tlvs = tlv->get_object();
  if (const json::value* id = tlvs.if_contains("receipted_message_id")) {
    if (!id->is_string()) return failure(errc::unexpected_type, "\"receipted_message_id\" must be a string");
    in.receipted_message_id = std::string(id->get_string());
  }
  if (const json::value* state = tlvs.if_contains("message_state")) {
    if (!state->is_int64() || state->get_int64() < 0 || state->get_int64() > 255) {
      return failure(errc::value_out_of_range, "\"message_state\" must be an integer in 0..255");
    }
    in.message_state = static_cast<std::uint8_t>(state->get_int64());
  }
  if (const json::value* code = tlvs.if_contains("network_error_code")) {
    if (!code->is_string()) return failure(errc::unexpected_type, "\"network_error_code\" must be a string of hex octets");
    in.network_error_code = hex_octets(code->get_string());
    if (!in.network_error_code) return failure(errc::invalid_argument, "\"network_error_code\" is not hex octets");
  }
  return in;
}

json::value optional_number(const std::optional<std::uint32_t>& n) { return n ? json::value(*n) : json::value(nullptr); }

json::value date_of(const std::optional<receipt_date>& d) {
  if (!d) return nullptr;
  char text[32];
  std::snprintf(text, sizeof text, "%04u-%02u-%02uT%02u:%02u:%02u", unsigned{d->year}, unsigned{d->month},
                unsigned{d->day}, unsigned{d->hour}, unsigned{d->minute}, unsigned{d->second});
  return json::string(text);
}

json::value text_or_null(std::string_view s) { return s.empty() ? json::value(nullptr) : json::value(json::string(s)); }

json::object describe(const receipt& r, const receipt_input& in) {
  json::object out;
  out["id"] = r.id;
  out["key"] = json::string(r.key.view());
  out["sub"] = optional_number(r.fields.sub);
  out["dlvrd"] = optional_number(r.fields.dlvrd);
  out["submit_date"] = date_of(r.fields.submit_date());
  out["done_date"] = date_of(r.fields.done_date());
  out["stat"] = text_or_null(r.stat());
  out["message_state"] = r.message_state ? json::value(*r.message_state) : json::value(nullptr);
  out["err"] = r.fields.err ? json::value(json::string(*r.fields.err)) : json::value(nullptr);
  out["text"] = r.fields.text ? json::value(json::string(*r.fields.text)) : json::value(nullptr);
  if (in.has_tlv) {
    out["id_from"] = detail::enum_name(r.id_from);
    out["text_id"] = text_or_null(r.fields.id);
    out["ids_equal_numerically"] =
        r.fields.id.empty() ? json::value(nullptr) : json::value(ids_denote_same_number(r.id, r.fields.id));
    out["alternate_key"] = r.alternate_key ? json::value(json::string(r.alternate_key->view())) : json::value(nullptr);
    if (r.network) {
      out["network_error"] = json::object{
          {"type", r.network->type ? json::value(*r.network->type) : json::value(nullptr)}, {"code", r.network->code}};
    } else {
      out["network_error"] = nullptr;
    }
  }
  return out;
}

void add_classification(json::object& out, const receipt& r, const cli_options& options) {
  const stat_outcome outcome = classify_stat(r.stat(), outcome_matchers{});
  out["outcome"] = detail::enum_name(outcome);
  if (!options.connector) return;
  if (outcome != stat_outcome::error) {
    out["qualification_key"] = nullptr;
    out["failure_type"] = nullptr;
    out["failure_reason"] = nullptr;
    return;
  }
  const qualification_settings defaults;
  out["qualification_key"] = qualification_key(*options.connector, r.stat(), r.error_code());
  out["failure_type"] = detail::enum_name(defaults.provision_type);
  out["failure_reason"] = detail::enum_name(defaults.provision_reason);
}

json::object failure(const error& e) { return failure(static_cast<errc>(e.code().value()), e.detail()); }

json::object segments_of(std::string_view text, const cli_options& options) {
  std::string transliterated;
  if (options.transliterate) {
    auto replaced = transliterate_to_gsm7(text);
    if (!replaced) return failure(replaced.error());
    transliterated = std::move(*replaced);
    text = transliterated;
  }
  const auto counted = count_segments(text, options.encoding);
  if (!counted) return failure(counted.error());
  return {{"encoding", label(counted->encoding, language::en)}, {"units", counted->units},
          {"segments", counted->segments}};
}

json::object urls_of(std::string_view text) {
  json::array urls;
  for (const url_match& url : find_urls(text)) urls.emplace_back(text.substr(url.offset, url.length));
  return {{"urls", std::move(urls)}};
}

json::object handle(std::string_view line, const cli_options& options) {
  auto read = read_line(line);
  if (auto* bad = std::get_if<json::object>(&read)) return std::move(*bad);
  const receipt_input& in = std::get<receipt_input>(read);
  if (options.what == command::segments || options.what == command::urls) {
    if (!in.has_text) return failure(errc::missing_field, "a line needs a \"text\" string");
    return options.what == command::segments ? segments_of(in.text, options) : urls_of(in.text);
  }
  const auto parsed = parse_receipt(in.text, in.tlvs(), {options.ids, options.tlv_ids});
  if (!parsed) return failure(parsed.error());
  json::object out = describe(*parsed, in);
  if (options.what == command::classify) add_classification(out, *parsed, options);
  return out;
}

int usage() {
  std::cerr << "usage: smstrack-cli receipt|classify [--connector NAME] [--ids as_is|decimal|hex_number|hex_string]\n"
               "                                   [--tlv-ids as_is|decimal|hex_number|hex_string]\n"
               "       smstrack-cli segments [--transliterate] [--latin1]\n"
               "       smstrack-cli urls\n"
               "reads JSON lines on stdin: {\"text\": \"...\", \"tlv\": {...}}; writes one JSON line each\n";
  return 2;
}

std::optional<id_normalization> normalization_named(std::string_view name) {
  std::optional<id_normalization> found;
  boost::mp11::mp_for_each<boost::describe::describe_enumerators<id_normalization>>([&](auto d) {
    if (name == d.name) found = d.value;
  });
  return found;
}

std::optional<cli_options> parse_arguments(int argc, char** argv) {
  if (argc < 2) return std::nullopt;
  cli_options options;
  const std::string_view name = argv[1];
  if (name == "classify") options.what = command::classify;
  else if (name == "segments") options.what = command::segments;
  else if (name == "urls") options.what = command::urls;
  else if (name != "receipt") return std::nullopt;
  const bool reads_receipts = options.what == command::receipt || options.what == command::classify;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--transliterate" && options.what == command::segments) {
      options.transliterate = true;
      continue;
    }
    if (arg == "--latin1" && options.what == command::segments) {
      options.encoding.latin1 = true;
      continue;
    }
    if (i + 1 >= argc || !reads_receipts) return std::nullopt;
    if (arg == "--connector" && options.what == command::classify) {
      options.connector = argv[++i];
    } else if (arg == "--ids" || arg == "--tlv-ids") {
      const auto how = normalization_named(argv[++i]);
      if (!how) return std::nullopt;
      (arg == "--ids" ? options.ids : options.tlv_ids.emplace()) = *how;
    } else {
      return std::nullopt;
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_arguments(argc, argv);
  if (!options) return usage();
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::cout << json::serialize(handle(line, *options)) << '\n';
  }
  return 0;
}
