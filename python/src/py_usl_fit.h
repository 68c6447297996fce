// The Python face of a fitted USL: the fit with the think time it was made
// for (so that `latency(n)` needs no second argument). Shared by bind_fit.cc,
// which registers the class, and bind_capacity_model.cc, which returns it.

#ifndef LOADLAW_PYTHON_PY_USL_FIT_H_
#define LOADLAW_PYTHON_PY_USL_FIT_H_

#include "loadlaw/fit/usl.h"

namespace loadlaw::python {

struct PyUslFit {
  fit::UslFit fit;
  double think_time = 0;
};

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_PY_USL_FIT_H_
