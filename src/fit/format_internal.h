// Private to the fit module: how numbers appear in messages and warnings.

#ifndef LOADLAW_FIT_FORMAT_INTERNAL_H_
#define LOADLAW_FIT_FORMAT_INTERNAL_H_

#include <sstream>
#include <string>

namespace loadlaw::fit::internal {

// Six significant digits ("%g"-like), "nan" and "inf" spelled out, so that a
// message names the offending value the way the user wrote it.
inline std::string FormatNumber(double value) {
  std::ostringstream out;
  out.precision(6);
  out << value;
  return out.str();
}

}  // namespace loadlaw::fit::internal

#endif  // LOADLAW_FIT_FORMAT_INTERNAL_H_
