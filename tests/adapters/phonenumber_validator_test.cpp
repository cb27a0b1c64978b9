#include <smstrack/adapters/phonenumber_validator.hpp>

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace smstrack {
namespace {

phone_number number(std::string_view text) { return phone_number::parse(text).value(); }

address_verdict verdict(const address_validator& v, std::string_view text) {
  const phone_number n = number(text);
  address_verdict out{false, number_type::voicemail};
  v.check({&n, 1}, {&out, 1});
  return out;
}

TEST(phonenumber_validator, tells_mobiles_from_fixed_lines_by_region) {
  const phonenumber_validator v;
  EXPECT_EQ(verdict(v, "+33612345678"), (address_verdict{true, number_type::mobile}));
  EXPECT_EQ(verdict(v, "+33142685300"), (address_verdict{true, number_type::fixed_line}));
  EXPECT_EQ(verdict(v, "+4915112345678"), (address_verdict{true, number_type::mobile}));
  EXPECT_EQ(verdict(v, "+442079460958"), (address_verdict{true, number_type::fixed_line}));
  EXPECT_EQ(verdict(v, "+12025550123").type, number_type::fixed_line_or_mobile);
  EXPECT_EQ(verdict(v, "+33800123456"), (address_verdict{true, number_type::toll_free}));
  EXPECT_EQ(verdict(v, "+390612345678"), (address_verdict{true, number_type::fixed_line}));  // Rome keeps its 0
  EXPECT_EQ(v.region_of(number("+33612345678")), "FR");
  EXPECT_EQ(v.region_of(number("+4915112345678")), "DE");
}

TEST(phonenumber_validator, refuses_numbers_no_region_assigns) {
  const phonenumber_validator v;
  EXPECT_EQ(verdict(v, "+33012345678"), (address_verdict{false, number_type::unknown}));  // FR: no 0 after +33
  EXPECT_EQ(verdict(v, "+3361234567"), (address_verdict{false, number_type::unknown}));   // FR mobile: one digit short
  EXPECT_EQ(verdict(v, "+99912345678"), (address_verdict{false, number_type::unknown}));  // no country +999
  EXPECT_EQ(v.region_of(number("+99912345678")), "ZZ");
  const phone_number none;
  address_verdict out{true, number_type::mobile};
  v.check({&none, 1}, {&out, 1});
  EXPECT_FALSE(out.valid);
}

TEST(phonenumber_validator, the_syntactic_validator_accepts_what_this_one_refuses) {
  const syntactic_validator syntactic;
  EXPECT_EQ(verdict(syntactic, "+99912345678"), (address_verdict{true, number_type::unknown}));
  EXPECT_FALSE(may_receive_sms(number_type::fixed_line));
  EXPECT_TRUE(may_receive_sms(number_type::fixed_line_or_mobile));
  EXPECT_TRUE(may_receive_sms(number_type::unknown));
}

TEST(phonenumber_validator, checks_batches_from_several_threads) {
  const phonenumber_validator v;
  std::vector<phone_number> numbers;
  for (std::uint64_t i = 0; i < 2000; ++i) numbers.push_back(phone_number::from_digits(33600000000ULL + i * 7919).value());
  std::vector<address_verdict> first(numbers.size());
  std::vector<address_verdict> second(numbers.size());
  std::thread other([&] { v.check(numbers, second); });
  v.check(numbers, first);
  other.join();
  EXPECT_EQ(first, second);
  for (const address_verdict& out : first) EXPECT_EQ(out, (address_verdict{true, number_type::mobile}));
}

}  // namespace
}  // namespace smstrack
