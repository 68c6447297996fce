// Python arguments as the library's text forms, so that Python and the CLI
// parse (and reject) them with the same functions and messages: durations
// ("500ms" or seconds as a number), paths (str or os.PathLike).

#ifndef LOADLAW_PYTHON_ARGS_H_
#define LOADLAW_PYTHON_ARGS_H_

#include <pybind11/pybind11.h>

#include <chrono>
#include <optional>
#include <string>

namespace loadlaw::python {

// A number of seconds as duration text ("0.25s"); text is returned as is.
// Throws std::invalid_argument naming `field` for any other type.
std::string DurationText(const pybind11::handle& value,
                         const std::string& field);

// DurationText parsed by workload::ParseDuration (errors name `field`).
std::chrono::nanoseconds DurationArg(const pybind11::handle& value,
                                     const std::string& field);

// os.fspath(value) for a str or os.PathLike; "" for None.
std::string PathArg(const pybind11::handle& value);

// A number as the text of a rate or price ("200" -> "200" + suffix).
std::string NumberText(const pybind11::handle& value, const std::string& suffix,
                       const std::string& field);

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_ARGS_H_
