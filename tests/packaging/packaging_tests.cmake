# Packaging: install the project into a scratch prefix, then build and run two consumer
# projects, one through find_package(smstrack CONFIG REQUIRED COMPONENTS conformance) (it also
# compiles the README's usage example and runs the conformance suite on the memory store), one
# through add_subdirectory.
if(NOT SMSTRACK_PACKAGING_TESTS)
  return()
endif()
set(prefix ${CMAKE_BINARY_DIR}/packaging/prefix)
set(consumer_flags -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE} -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}")

add_test(NAME packaging_install
  COMMAND ${CMAKE_COMMAND} -E env DESTDIR= ${CMAKE_COMMAND} --install ${CMAKE_BINARY_DIR} --prefix ${prefix})
set_tests_properties(packaging_install PROPERTIES FIXTURES_SETUP smstrack_installed)

add_test(NAME packaging_find_package
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test
    ${CMAKE_CURRENT_LIST_DIR}/find_package_consumer ${CMAKE_BINARY_DIR}/packaging/find_package_consumer
    --build-generator ${CMAKE_GENERATOR}
    --build-options ${consumer_flags} -DCMAKE_PREFIX_PATH=${prefix} -DREADME=${PROJECT_SOURCE_DIR}/README.md
    --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
set_tests_properties(packaging_find_package PROPERTIES FIXTURES_REQUIRED smstrack_installed TIMEOUT 900)

add_test(NAME packaging_add_subdirectory
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test
    ${CMAKE_CURRENT_LIST_DIR}/add_subdirectory_consumer ${CMAKE_BINARY_DIR}/packaging/add_subdirectory_consumer
    --build-generator ${CMAKE_GENERATOR}
    --build-options ${consumer_flags} -DSMSTRACK_SOURCE_DIR=${PROJECT_SOURCE_DIR}
    --test-command ${CMAKE_CTEST_COMMAND} --output-on-failure)
set_tests_properties(packaging_add_subdirectory PROPERTIES TIMEOUT 900)
