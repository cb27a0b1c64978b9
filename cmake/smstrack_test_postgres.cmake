# The tests' PostgreSQL server: a ctest fixture that starts a throwaway cluster
# (tests/adapters/pg_server.sh) before the tests that need it and stops it afterwards.
# Its port is derived from the build directory, so build trees testing at the same time do not
# collide. When the server cannot start, the fixture fails and every test requiring it is
# reported as not run, which fails the run: a missing server is never a silent skip.
string(MD5 _smstrack_build_hash "${PROJECT_BINARY_DIR}")
string(SUBSTRING "${_smstrack_build_hash}" 0 3 _smstrack_port_offset)
math(EXPR _smstrack_pg_port "41000 + 0x${_smstrack_port_offset}")
set(SMSTRACK_TEST_POSTGRES_PORT ${_smstrack_pg_port} CACHE STRING "Loopback port of the tests' PostgreSQL server")
set(SMSTRACK_TEST_POSTGRES "host=127.0.0.1 port=${SMSTRACK_TEST_POSTGRES_PORT} user=smstrack dbname=postgres")

set(_smstrack_pg_server ${PROJECT_SOURCE_DIR}/tests/adapters/pg_server.sh)
add_test(NAME postgres_server_start COMMAND sh ${_smstrack_pg_server} start ${SMSTRACK_TEST_POSTGRES_PORT})
add_test(NAME postgres_server_stop COMMAND sh ${_smstrack_pg_server} stop ${SMSTRACK_TEST_POSTGRES_PORT})
set_tests_properties(postgres_server_start PROPERTIES FIXTURES_SETUP postgres_server TIMEOUT 120)
set_tests_properties(postgres_server_stop PROPERTIES FIXTURES_CLEANUP postgres_server)
