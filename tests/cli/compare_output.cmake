# Runs smstrack-cli with INPUT on stdin and compares what it prints with EXPECTED, byte for byte.
# -DCLI=<program> -DARGS=<comma-separated arguments> -DINPUT=<file> -DEXPECTED=<file> -DACTUAL=<file>
string(REPLACE "," ";" ARGS "${ARGS}")
execute_process(COMMAND ${CLI} ${ARGS} INPUT_FILE ${INPUT} OUTPUT_FILE ${ACTUAL} RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "smstrack-cli ${ARGS} exited with ${status}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${EXPECTED} ${ACTUAL} RESULT_VARIABLE differs)
if(differs)
  file(READ ${ACTUAL} printed)
  message(FATAL_ERROR "smstrack-cli ${ARGS} printed something else than ${EXPECTED}:\n${printed}")
endif()
