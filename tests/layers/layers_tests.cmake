# The layer rule as a test: a public header includes only headers of its own layer or lower ones
# (cmake/check-layers.sh). A canary tree with a model header that includes the engine must be
# caught by the same check.
add_test(NAME public_headers_respect_layers
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/check-layers.sh ${PROJECT_SOURCE_DIR}/include/smstrack)
add_test(NAME layer_check_catches_an_upward_include
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/check-layers.sh ${CMAKE_CURRENT_LIST_DIR}/canary/smstrack)
set_tests_properties(layer_check_catches_an_upward_include PROPERTIES
  PASS_REGULAR_EXPRESSION "model/upward.hpp \\(layer 1\\) includes engine/tracker.hpp \\(layer 5\\)")
