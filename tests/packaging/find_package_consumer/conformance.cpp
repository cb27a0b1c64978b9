// An adapter author's view: the installed conformance kit, instantiated in one line.
#include <smstrack/conformance/storage_conformance.hpp>
#include <smstrack/store/memory_store.hpp>

SMSTRACK_STORAGE_CONFORMANCE(installed_memory, [] { return std::make_unique<smstrack::memory_store>(); });
