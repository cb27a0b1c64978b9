// Receipt text parsing: smstrack's parser on a mix of real-world layouts, and beside it a
// baseline that extracts only id, stat and err with std::regex and the reference product's
// default expressions.
#include <smstrack/receipts/receipt.hpp>
#include <smstrack/receipts/receipt_text.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <regex>
#include <string>

namespace {

// Layouts seen from carriers: the SMPP example, upper-case keys, underscores, tabs and line
// breaks, 12- and 14-digit dates, hex ids, a value after a blank, extra keys, a long text.
const std::array<std::string, 8> receipts = {
    "id:0123456789 sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:DELIVRD err:000 text:Hello",
    "ID:4F2A9C11 SUB:001 DLVRD:000 SUBMIT DATE:2611240830 DONE DATE:2611240845 STAT:UNDELIV ERR:001 TEXT:",
    "id:7788990011 sub:001 dlvrd:001 submit_date:261124083012 done_date:261124083115 stat:DELIVRD err:000",
    "id:42\tsub:001\tdlvrd:001\tsubmit date:20261124083012\tdone date:20261124083115\tstat:EXPIRED\terr:254",
    "id: 998877 sub:1 dlvrd:0 submit date:2611240830 done date:2611241030 stat:REJECTD err:0x0B",
    "id:c0ffee01 msgid:c0ffee01 sub:001 dlvrd:001 submit date:2611240830 done date:2611240831 stat:ACCEPTD err:000 "
    "network:20801",
    "id:123\r\nsub:001\r\ndlvrd:001\r\nsubmit date:2611240830\r\ndone date:2611240831\r\nstat:DELIVRD\r\nerr:000",
    "id:5551234 sub:001 dlvrd:001 submit date:2611240830 done date:2611240832 stat:DELIVRD err:000 "
    "text:ACME Black Friday: -40% on everything until midnight! Shop https://acme.example/bf",
};

void BM_receipt_parse(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    auto parsed = smstrack::parse_receipt_text(receipts[i++ % receipts.size()]);
    benchmark::DoNotOptimize(parsed);
    if (parsed) {  // every field decoded, the dates included (which ingestion leaves unread)
      auto submitted = parsed->submit_date();
      auto done = parsed->done_date();
      benchmark::DoNotOptimize(submitted);
      benchmark::DoNotOptimize(done);
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_receipt_parse);

// The whole receipt as the engine reads it: the text, TLVs on every other receipt (a hex id,
// a state, a network error code) and the id normalized as a hex number.
void BM_receipt_parse_with_tlvs(benchmark::State& state) {
  const smstrack::receipt_tlvs tlvs{.receipted_message_id = "4F2A9C11",
                                    .message_state = 5,
                                    .network_error_code = std::string_view("\x03\x00\x22", 3)};
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& text = receipts[i % receipts.size()];
    auto parsed = smstrack::parse_receipt(text, i % 2 == 0 ? tlvs : smstrack::receipt_tlvs{},
                                          smstrack::id_normalization::as_is);
    ++i;
    benchmark::DoNotOptimize(parsed);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_receipt_parse_with_tlvs);

void BM_receipt_regex_baseline(benchmark::State& state) {
  const std::regex id(R"(\b[iI][dD]:([a-fA-F0-9]{1,10})\b)");
  const std::regex stat(R"(\b[sS][tT][aA][tT]:([a-zA-Z0-9]{5,15})\b)");
  const std::regex err(R"(\b[eE][rR][rR]:([a-zA-Z0-9]{3})\b)");
  std::size_t i = 0;
  for (auto _ : state) {
    const std::string& text = receipts[i++ % receipts.size()];
    std::smatch m1, m2, m3;
    const bool found = std::regex_search(text, m1, id) & std::regex_search(text, m2, stat) &
                       std::regex_search(text, m3, err);
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_receipt_regex_baseline);

}  // namespace
