# Warnings are PRIVATE to each target of this project; -Werror only when the CI presets ask for it.
function(smstrack_set_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    # Aggregates with default member initializers are filled partially on purpose.
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wconversion -Wshadow
      -Wno-missing-field-initializers)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 reports `"text" + std::string(...)` at -O2 as an overlapping memcpy (GCC bug
      # 105651, fixed in GCC 13): a false positive on correct code.
      target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(SMSTRACK_WARNINGS_AS_ERRORS)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
