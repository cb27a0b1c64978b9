# Finds Google's libphonenumber (Debian: libphonenumber-dev), which ships no CMake package.
# Defines libphonenumber_FOUND and the imported target libphonenumber::libphonenumber.
find_path(libphonenumber_INCLUDE_DIR phonenumbers/phonenumberutil.h)
find_library(libphonenumber_LIBRARY NAMES phonenumber)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(libphonenumber REQUIRED_VARS libphonenumber_LIBRARY libphonenumber_INCLUDE_DIR)
if(libphonenumber_FOUND AND NOT TARGET libphonenumber::libphonenumber)
  add_library(libphonenumber::libphonenumber UNKNOWN IMPORTED)
  set_target_properties(libphonenumber::libphonenumber PROPERTIES
    IMPORTED_LOCATION ${libphonenumber_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${libphonenumber_INCLUDE_DIR})
endif()
mark_as_advanced(libphonenumber_INCLUDE_DIR libphonenumber_LIBRARY)
