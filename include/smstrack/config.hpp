// smstrack configuration: version numbers and the versioned namespace.
//
// Every public name lives in `smstrack::v1` (an inline namespace), so code writes `smstrack::x`
// while the linker sees the version, and two major versions can coexist in one program.
#pragma once

#define SMSTRACK_VERSION_MAJOR 0
#define SMSTRACK_VERSION_MINOR 1
#define SMSTRACK_VERSION_PATCH 0

#define SMSTRACK_BEGIN_NAMESPACE \
  namespace smstrack {           \
  inline namespace v1 {
#define SMSTRACK_END_NAMESPACE \
  }                            \
  }
