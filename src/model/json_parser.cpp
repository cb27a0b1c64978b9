// The strict JSON text parser behind parse_json: Boost.JSON's tokenizer, with a handler that
// reads every number correctly rounded (std::from_chars, so what to_json_text writes reads back
// bit-identical), refuses numbers a double cannot hold and duplicate keys, and names the path of
// what it refuses.
#include <smstrack/model/json.hpp>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value_stack.hpp>
#include <boost/unordered/unordered_flat_set.hpp>

#include <charconv>
#include <string>
#include <vector>

SMSTRACK_BEGIN_NAMESPACE
namespace {

namespace json = boost::json;
using error_code = boost::system::error_code;

// One object or array being read, for duplicate keys and error paths.
struct frame {
  bool array = false;
  std::size_t index = 0;  // arrays: the element being read (the count of those begun so far)
  std::string key;        // objects: the member being read
  boost::unordered_flat_set<std::string> keys;
};

class strict_handler {
 public:
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  json::value_stack values;
  std::string failure;  // set when the handler refused the text

  bool on_document_begin(error_code&) {
    values.reset();
    return true;
  }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    begin_value();
    frames_.push_back({false, 0, {}, {}});
    return true;
  }
  bool on_object_end(std::size_t n, error_code&) {
    values.push_object(n);
    frames_.pop_back();
    return true;
  }
  bool on_array_begin(error_code&) {
    begin_value();
    frames_.push_back({true, 0, {}, {}});
    return true;
  }
  bool on_array_end(std::size_t n, error_code&) {
    values.push_array(n);
    frames_.pop_back();
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code& ec) {
    key_.append(s.data(), s.size());
    frame& object = frames_.back();
    object.key = key_;
    if (!object.keys.insert(key_).second) return refuse(ec, "duplicate key");
    values.push_key(key_);
    key_.clear();
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    if (!in_string_) begin_value();
    in_string_ = true;
    values.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, error_code&) {
    if (!in_string_) begin_value();
    in_string_ = false;
    values.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view s, error_code&) {
    number_.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view, error_code&) {
    begin_value();
    number_.clear();
    values.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, error_code&) {
    begin_value();
    number_.clear();
    values.push_uint64(u);
    return true;
  }
  // The tokenizer's double is not correctly rounded: the number is read again from its text.
  bool on_double(double, json::string_view s, error_code& ec) {
    begin_value();
    number_.append(s.data(), s.size());
    double d = 0;
    const auto [end, status] = std::from_chars(number_.data(), number_.data() + number_.size(), d);
    const bool whole = end == number_.data() + number_.size();
    number_.clear();
    if (status == std::errc::result_out_of_range) return refuse(ec, "number out of the range of a double");
    if (status != std::errc{} || !whole) return refuse(ec, "malformed number");
    values.push_double(d);
    return true;
  }
  bool on_bool(bool b, error_code&) {
    begin_value();
    values.push_bool(b);
    return true;
  }
  bool on_null(error_code&) {
    begin_value();
    values.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

 private:
  // A value starts: in an array, it is the next element.
  void begin_value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
  }
  bool refuse(error_code& ec, std::string_view what) {
    failure = path() + ": " + std::string(what);
    ec = json::error::extra_data;  // any error stops the tokenizer; `failure` says which
    return false;
  }
  // "logs[3].status": where the value being read sits.
  [[nodiscard]] std::string path() const {
    std::string out;
    for (const frame& f : frames_) {
      if (f.array) {
        out += "[" + std::to_string(f.index == 0 ? 0 : f.index - 1) + "]";
      } else {
        if (!out.empty()) out += '.';
        out += f.key;
      }
    }
    return out.empty() ? "(root)" : out;
  }

  std::vector<frame> frames_;
  std::string key_;
  std::string number_;
  bool in_string_ = false;
};

}  // namespace

result<boost::json::value> parse_json_value(std::string_view text) {
  json::basic_parser<strict_handler> parser(json::parse_options{});
  error_code ec;
  const std::size_t read = parser.write_some(false, text.data(), text.size(), ec);
  if (!parser.handler().failure.empty()) return error{errc::invalid_json, parser.handler().failure};
  if (ec) return error{errc::invalid_json, ec.message()};
  if (read < text.size()) return error{errc::invalid_json, "extra data after the JSON value"};
  return parser.handler().values.release();
}

SMSTRACK_END_NAMESPACE
