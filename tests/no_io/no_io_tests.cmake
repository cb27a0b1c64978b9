# The core library does no I/O: its undefined symbols are checked against a list of I/O, clock,
# randomness and thread functions. A canary library that prints, opens a file and reads the
# clock must be caught by the same check (that test passes only when the check names printf).
if(NOT SMSTRACK_NO_IO_TESTS)
  return()
endif()
add_test(NAME core_library_does_no_io
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/check-no-io.sh $<TARGET_FILE:smstrack>)

add_library(smstrack_io_canary STATIC ${CMAKE_CURRENT_LIST_DIR}/io_canary.cpp)
set_target_properties(smstrack_io_canary PROPERTIES EXCLUDE_FROM_ALL FALSE)
add_test(NAME no_io_check_catches_io
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/check-no-io.sh $<TARGET_FILE:smstrack_io_canary>)
set_tests_properties(no_io_check_catches_io PROPERTIES
  PASS_REGULAR_EXPRESSION "references I/O: .*fopen.*printf.*time")
