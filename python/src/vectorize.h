// Applies a scalar function to a Python number (giving a float) or to any
// array-like (giving a numpy array of the same shape).

#ifndef LOADLAW_PYTHON_VECTORIZE_H_
#define LOADLAW_PYTHON_VECTORIZE_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace loadlaw::python {

template <class F>
pybind11::object MapDoubles(const pybind11::object& x, F f) {
  namespace py = pybind11;
  if (py::isinstance<py::float_>(x) || py::isinstance<py::int_>(x)) {
    return py::float_(f(x.cast<double>()));
  }
  auto in =
      py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(x);
  if (!in) throw py::type_error("expected a number or an array of numbers");
  py::array_t<double> out(
      std::vector<py::ssize_t>(in.shape(), in.shape() + in.ndim()));
  const double* src = in.data();
  double* dst = out.mutable_data();
  for (py::ssize_t i = 0; i < in.size(); ++i) dst[i] = f(src[i]);
  return std::move(out);
}

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_VECTORIZE_H_
