// The installed smstrack::phonenumber component links and tells a mobile from a fixed line.
#include <smstrack/adapters/phonenumber_validator.hpp>

int main() {
  const smstrack::phonenumber_validator validator;
  const smstrack::phone_number numbers[] = {smstrack::phone_number::parse("+33612345678").value(),
                                            smstrack::phone_number::parse("+33142685300").value()};
  smstrack::address_verdict out[2];
  validator.check(numbers, out);
  const bool right = out[0].valid && out[0].type == smstrack::number_type::mobile && out[1].valid &&
                     out[1].type == smstrack::number_type::fixed_line;
  return right ? 0 : 1;
}
