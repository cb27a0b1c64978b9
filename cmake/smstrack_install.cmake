include(CMakePackageConfigHelpers)
set(SMSTRACK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/smstrack)

install(DIRECTORY include/smstrack DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT core
  PATTERN "conformance" EXCLUDE PATTERN "sqlite_store.hpp" EXCLUDE PATTERN "postgres_store.hpp" EXCLUDE
  PATTERN "phonenumber_validator.hpp" EXCLUDE)
install(DIRECTORY include/smstrack/conformance DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/smstrack
  COMPONENT conformance)
install(TARGETS smstrack EXPORT smstrack-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT core)
install(EXPORT smstrack-targets NAMESPACE smstrack:: DESTINATION ${SMSTRACK_CMAKE_DIR}
  FILE smstrack-targets.cmake COMPONENT core)
install(TARGETS smstrack_conformance EXPORT smstrack-conformance-targets COMPONENT conformance)
install(EXPORT smstrack-conformance-targets NAMESPACE smstrack:: DESTINATION ${SMSTRACK_CMAKE_DIR}
  FILE smstrack-conformance-targets.cmake COMPONENT conformance)

# The storage adapters: each its own component, headers, archive and exported target.
set(_smstrack_adapter_header_sqlite sqlite_store.hpp)
set(_smstrack_adapter_header_postgres postgres_store.hpp)
set(_smstrack_adapter_header_phonenumber phonenumber_validator.hpp)
foreach(_adapter IN ITEMS sqlite postgres phonenumber)
  if(TARGET smstrack_${_adapter})
    install(FILES include/smstrack/adapters/${_smstrack_adapter_header_${_adapter}}
      DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/smstrack/adapters COMPONENT ${_adapter})
    install(TARGETS smstrack_${_adapter} EXPORT smstrack-${_adapter}-targets
      ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT ${_adapter})
    install(EXPORT smstrack-${_adapter}-targets NAMESPACE smstrack:: DESTINATION ${SMSTRACK_CMAKE_DIR}
      FILE smstrack-${_adapter}-targets.cmake COMPONENT ${_adapter})
  endif()
endforeach()

install(FILES cmake/Findsodium.cmake DESTINATION ${SMSTRACK_CMAKE_DIR} COMPONENT core)
if(TARGET smstrack_phonenumber)
  install(FILES cmake/Findlibphonenumber.cmake DESTINATION ${SMSTRACK_CMAKE_DIR} COMPONENT phonenumber)
endif()

configure_package_config_file(cmake/smstrack-config.cmake.in
  ${PROJECT_BINARY_DIR}/smstrack-config.cmake INSTALL_DESTINATION ${SMSTRACK_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/smstrack-config-version.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/smstrack-config.cmake ${PROJECT_BINARY_DIR}/smstrack-config-version.cmake
  DESTINATION ${SMSTRACK_CMAKE_DIR} COMPONENT core)
