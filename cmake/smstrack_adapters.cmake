# smstrack::sqlite and smstrack::postgres: the storage adapters for SQLite and PostgreSQL.
# They link the core and their database client; the core itself links no database.

if(SMSTRACK_WITH_SQLITE)
  find_package(SQLite3 REQUIRED)
  add_library(smstrack_sqlite STATIC
    src/adapters/sqlite/sqlite_connection.cpp
    src/adapters/sqlite/sqlite_store.cpp)
  add_library(smstrack::sqlite ALIAS smstrack_sqlite)
  set_target_properties(smstrack_sqlite PROPERTIES EXPORT_NAME sqlite OUTPUT_NAME smstrack_sqlite)
  target_link_libraries(smstrack_sqlite PUBLIC smstrack::smstrack PRIVATE SQLite::SQLite3)
  smstrack_set_warnings(smstrack_sqlite)
endif()

if(SMSTRACK_WITH_POSTGRES)
  find_package(PostgreSQL REQUIRED)
  add_library(smstrack_postgres STATIC
    src/adapters/postgres/pg_connection.cpp
    src/adapters/postgres/postgres_store.cpp)
  add_library(smstrack::postgres ALIAS smstrack_postgres)
  set_target_properties(smstrack_postgres PROPERTIES EXPORT_NAME postgres OUTPUT_NAME smstrack_postgres)
  target_link_libraries(smstrack_postgres PUBLIC smstrack::smstrack PRIVATE PostgreSQL::PostgreSQL)
  smstrack_set_warnings(smstrack_postgres)
endif()

# smstrack::phonenumber: the address validator backed by Google's libphonenumber.
if(SMSTRACK_WITH_PHONENUMBER)
  find_package(libphonenumber REQUIRED)
  add_library(smstrack_phonenumber STATIC src/adapters/phonenumber/phonenumber_validator.cpp)
  add_library(smstrack::phonenumber ALIAS smstrack_phonenumber)
  set_target_properties(smstrack_phonenumber PROPERTIES EXPORT_NAME phonenumber OUTPUT_NAME smstrack_phonenumber)
  target_link_libraries(smstrack_phonenumber PUBLIC smstrack::smstrack PRIVATE libphonenumber::libphonenumber)
  smstrack_set_warnings(smstrack_phonenumber)
endif()
