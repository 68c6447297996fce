# "Nothing below cli prints to the terminal" (DESIGN.md): the library runs
# inside notebooks and services, so only src/cli/ may write to stdout or
# stderr. Script mode: cmake -DSOURCE_DIR=<repo> -P check_no_printing.cmake
cmake_minimum_required(VERSION 3.22)
file(GLOB_RECURSE sources ${SOURCE_DIR}/src/*.cc ${SOURCE_DIR}/src/*.h)
set(found "")
foreach(file IN LISTS sources)
  if(file MATCHES "/src/cli/")
    continue()
  endif()
  file(STRINGS ${file} lines REGEX
       "(std::cout|std::cerr|std::clog|[^a-z_]printf\\(|[^a-z_]puts\\(|fprintf\\((stdout|stderr)|perror\\()")
  foreach(line IN LISTS lines)
    file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
    string(STRIP "${line}" line)
    list(APPEND found "${rel}: ${line}")
  endforeach()
endforeach()
if(found)
  string(REPLACE ";" "\n  " text "${found}")
  message(FATAL_ERROR "the library prints (only src/cli/ may):\n  ${text}")
endif()
message(STATUS "nothing below src/cli/ prints")
