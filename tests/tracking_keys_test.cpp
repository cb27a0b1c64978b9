// The tracking_keys port as the tracker uses it: a key source that fails or throws makes the
// analysis and clicks fail cleanly (storage_failure), changing and recording nothing.
#include <smstrack/ports/tracking_keys.hpp>

#include <smstrack/store/keyring.hpp>

#include "engine_fixture.hpp"

#include <stdexcept>

namespace smstrack {
namespace {

// A key source that works until told to fail, or to throw.
class flaky_keys final : public tracking_keys {
 public:
  enum class mode { works, fails, throws };
  mode now = mode::works;
  keyring inner;

  result<tracking_key> current() override {
    if (auto broken = broken_result<tracking_key>()) return *broken;
    return inner.current();
  }
  result<std::optional<tracking_key>> find(std::uint32_t id) override {
    if (auto broken = broken_result<std::optional<tracking_key>>()) return *broken;
    return inner.find(id);
  }

 private:
  template <class T>
  std::optional<result<T>> broken_result() {
    if (now == mode::throws) throw std::runtime_error("vault unreachable");
    if (now == mode::fails) return result<T>(error{errc::storage_failure, "vault sealed", retry_hint::transient});
    return std::nullopt;
  }
};

class tracking_keys_test : public testing::engine_test {
 protected:
  flaky_keys keys;
  void SetUp() override {
    ASSERT_TRUE(keys.inner.add(make_tracking_key(4, "00112233445566778899aabbccddeeff").value(), true).has_value());
    engine.set_tracking_keys(&keys);
  }
  delivery_id tracked_delivery() {
    delivery_draft draft{"Sale", "Shop https://acme.example/sale", "ACME", {}};
    draft.settings.tracking_host = "t.acme.example";
    return engine.create_delivery(draft).value();
  }
};

TEST_F(tracking_keys_test, a_failing_or_throwing_key_source_fails_the_analysis_before_any_change) {
  const delivery_id id = tracked_delivery();
  for (const auto mode : {flaky_keys::mode::fails, flaky_keys::mode::throws}) {
    keys.now = mode;
    const auto analysed = engine.analyse(id, testing::make_target(2));
    ASSERT_FALSE(analysed.has_value());
    EXPECT_EQ(analysed.error(), errc::storage_failure);
    EXPECT_EQ(state_of(id), delivery_state::editing);
    EXPECT_TRUE(engine.logs(id, {}).value().empty());
  }
  keys.now = flaky_keys::mode::fails;
  EXPECT_TRUE(engine.analyse(id, testing::make_target(2)).error() == condition::transient) << "the hint is kept";
}

TEST_F(tracking_keys_test, a_failing_or_throwing_key_source_fails_a_click_which_records_nothing) {
  const delivery_id id = tracked_delivery();
  ASSERT_TRUE(engine.analyse(id, testing::make_target(2)).has_value());
  ASSERT_TRUE(engine.start(id, "op").has_value());
  const std::string token = token_signer::make(keys.inner.current().value()).value().sign({id, 1, 1});
  for (const auto mode : {flaky_keys::mode::fails, flaky_keys::mode::throws}) {
    keys.now = mode;
    const auto clicked = engine.on_click({token, "", std::nullopt, std::nullopt});
    ASSERT_FALSE(clicked.has_value());
    EXPECT_EQ(clicked.error(), errc::storage_failure);
  }
  EXPECT_TRUE(engine.clicks(id, 0, 10).value().empty());
  keys.now = flaky_keys::mode::works;
  EXPECT_EQ(engine.on_click({token, "", std::nullopt, std::nullopt}).value().source_url, "https://acme.example/sale");
}

}  // namespace
}  // namespace smstrack
