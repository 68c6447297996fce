# Runs the one-way rule (cmake/ModuleRules.cmake) on a module graph, in
# script mode:
#   cmake -DGRAPH=<file with "module:dep,..." entries> -P check_module_graph.cmake
# or, with -DPLANT=<module>:<dep>, on that graph with one more link planted
# (the test expects that to fail). Exits non-zero naming each violation.
cmake_minimum_required(VERSION 3.22)
list(APPEND CMAKE_MODULE_PATH ${CMAKE_CURRENT_LIST_DIR}/../../cmake)
include(ModuleRules)
file(READ ${GRAPH} graph)
if(DEFINED PLANT)
  string(FIND "${PLANT}" ":" colon)
  string(SUBSTRING "${PLANT}" 0 ${colon} module)
  math(EXPR start "${colon} + 1")
  string(SUBSTRING "${PLANT}" ${start} -1 dep)
  set(planted "")
  foreach(entry IN LISTS graph)
    if(entry MATCHES "^${module}:")
      set(entry "${entry},${dep}")
    endif()
    list(APPEND planted "${entry}")
  endforeach()
  set(graph "${planted}")
endif()
loadlaw_check_module_graph("${graph}" violations)
if(violations)
  string(REPLACE ";" "\n  " text "${violations}")
  message(FATAL_ERROR "one-way rule broken:\n  ${text}")
endif()
message(STATUS "module graph follows the one-way rule")
