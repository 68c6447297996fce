# Helpers that give every module the same shape (STYLE.md: one target per
# module, created by one small function, with an alias loadlaw::<name>).

# loadlaw_cc_library(NAME fit SRCS a.cc b.cc DEPS loadlaw::queueing
#                    PRIVATE_DEPS Ceres::ceres)
# Creates the static library loadlaw_<NAME> and its alias loadlaw::<NAME>.
# Public headers come from include/; private *_internal.h from src/.
function(loadlaw_cc_library)
  cmake_parse_arguments(ARG "" "NAME" "SRCS;DEPS;PRIVATE_DEPS" ${ARGN})
  set(target loadlaw_${ARG_NAME})
  add_library(${target} STATIC ${ARG_SRCS})
  add_library(loadlaw::${ARG_NAME} ALIAS ${target})
  target_include_directories(${target}
    PUBLIC ${PROJECT_SOURCE_DIR}/include
    PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${target} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  target_compile_options(${target} PRIVATE -Wall -Wextra)
  set_property(GLOBAL APPEND PROPERTY LOADLAW_MODULES ${ARG_NAME})
endfunction()

# loadlaw_check_modules(): after every module is defined, checks their links
# against the one-way rule (cmake/ModuleRules.cmake) and fails the configure
# step on a violation. Writes the graph to ${PROJECT_BINARY_DIR}/
# module_graph.txt, which tests/architecture/ checks again.
function(loadlaw_check_modules)
  include(ModuleRules)
  get_property(modules GLOBAL PROPERTY LOADLAW_MODULES)
  set(graph "")
  foreach(module IN LISTS modules)
    get_target_property(links loadlaw_${module} LINK_LIBRARIES)
    set(deps "")
    foreach(link IN LISTS links)
      string(REGEX REPLACE "^\\$<LINK_ONLY:(.*)>$" "\\1" link "${link}")
      if(link MATCHES "^loadlaw::(.+)$")
        list(APPEND deps ${CMAKE_MATCH_1})
      elseif(link MATCHES "::")
        list(APPEND deps ${link})
      endif()
    endforeach()
    string(REPLACE ";" "," deps "${deps}")
    list(APPEND graph "${module}:${deps}")
  endforeach()
  file(WRITE ${PROJECT_BINARY_DIR}/module_graph.txt "${graph}")
  loadlaw_check_module_graph("${graph}" violations)
  if(violations)
    string(REPLACE ";" "\n  " text "${violations}")
    message(FATAL_ERROR "module dependencies break the one-way rule "
                        "(cmake/ModuleRules.cmake):\n  ${text}")
  endif()
endfunction()

# loadlaw_cc_test(NAME fit_usl_test SRCS usl_test.cc DEPS loadlaw::fit
#                 [SERIAL])
# Builds a GoogleTest binary and registers each of its tests with CTest.
# LOADLAW_SOURCE_DIR lets tests find bundled data (models/, tests/data/).
# SERIAL: timing-sensitive tests that must run alone even under ctest -j.
function(loadlaw_cc_test)
  cmake_parse_arguments(ARG "SERIAL" "NAME" "SRCS;DEPS" ${ARGN})
  set(serial FALSE)
  if(ARG_SERIAL)
    set(serial TRUE)
  endif()
  add_executable(${ARG_NAME} ${ARG_SRCS})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${ARG_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${ARG_NAME} PRIVATE
    LOADLAW_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    LOADLAW_BINARY_DIR="${PROJECT_BINARY_DIR}")
  set_target_properties(${ARG_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tests)
  gtest_discover_tests(${ARG_NAME} DISCOVERY_TIMEOUT 60
    TEST_PREFIX "${ARG_NAME}."
    PROPERTIES LABELS "${ARG_NAME}" RUN_SERIAL ${serial})
endfunction()
