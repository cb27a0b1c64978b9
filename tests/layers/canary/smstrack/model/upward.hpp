// A model header that includes the engine: the layer check must name it (layers_tests.cmake).
#pragma once

#include <smstrack/engine/tracker.hpp>
