#include <smstrack/targeting/address_validator.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace smstrack {
namespace {

TEST(address_validator, the_syntactic_validator_accepts_every_number_and_knows_no_type) {
  const syntactic_validator validator;
  const std::vector<phone_number> numbers = {phone_number::parse("+33612345678").value(),
                                             phone_number::parse("+99912345678").value(), phone_number{}};
  std::vector<address_verdict> out(numbers.size(), address_verdict{false, number_type::pager});
  validator.check(numbers, out);
  for (const address_verdict& verdict : out) EXPECT_EQ(verdict, (address_verdict{true, number_type::unknown}));
}

TEST(address_validator, a_shorter_output_is_filled_as_far_as_it_goes) {
  const syntactic_validator validator;
  const std::vector<phone_number> numbers(3, phone_number::parse("+33612345678").value());
  std::vector<address_verdict> out(2, address_verdict{false, number_type::pager});
  validator.check(numbers, out);
  EXPECT_TRUE(out[0].valid && out[1].valid);
}

TEST(address_validator, only_mobiles_and_numbers_of_unknown_type_may_receive_sms) {
  for (const number_type type : {number_type::mobile, number_type::fixed_line_or_mobile, number_type::unknown}) {
    EXPECT_TRUE(may_receive_sms(type)) << static_cast<int>(type);
  }
  for (const number_type type : {number_type::fixed_line, number_type::toll_free, number_type::premium_rate,
                                 number_type::shared_cost, number_type::voip, number_type::personal_number,
                                 number_type::pager, number_type::uan, number_type::voicemail}) {
    EXPECT_FALSE(may_receive_sms(type)) << static_cast<int>(type);
  }
}

}  // namespace
}  // namespace smstrack
