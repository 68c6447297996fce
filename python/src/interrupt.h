// Long calls (a load run, a sweep) run on a worker thread while the calling
// Python thread waits without the GIL. Every 50 ms it takes the GIL back to
// run Python's signal handlers (Ctrl-C, a Jupyter interrupt) and to hand the
// worker's log lines to a Python callback. On Ctrl-C the cancel flag is set,
// the C++ call is let finish (it returns what it has within ~50 ms) and the
// KeyboardInterrupt is raised. As pycolmap's PyInterrupt, without its loop.
//
//   Interruptible call(log);                       // log: a callable or None
//   hooks.cancel = call.cancel();
//   hooks.on_log = [&](const std::string& s) { call.Log(s); };
//   RunResult r = call.Run([&] { return runner::Run(options, hooks); });

#ifndef LOADLAW_PYTHON_INTERRUPT_H_
#define LOADLAW_PYTHON_INTERRUPT_H_

#include <pybind11/pybind11.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

namespace loadlaw::python {

class Interruptible {
 public:
  explicit Interruptible(pybind11::object log = pybind11::none())
      : log_(std::move(log)) {}

  // The flag handed to the C++ call; it becomes true on Ctrl-C.
  const std::atomic<bool>* cancel() const { return &cancel_; }

  // Queues a line for the log callback; callable from any thread.
  void Log(std::string line) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(std::move(line));
  }

  // Runs f() on a worker thread and returns its result; rethrows its
  // exception, or raises the KeyboardInterrupt (or the log callback's error)
  // once f has returned.
  template <class F>
  auto Run(F f) -> decltype(f()) {
    namespace py = pybind11;
    std::optional<decltype(f())> result;
    std::exception_ptr error;
    bool done = false;
    std::thread worker([&] {
      try {
        result.emplace(f());
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      done = true;
      finished_.notify_all();
    });
    std::optional<py::error_already_set> pending;
    for (bool finished = false; !finished;) {
      {
        py::gil_scoped_release release;
        std::unique_lock<std::mutex> lock(mutex_);
        finished = finished_.wait_for(lock, std::chrono::milliseconds(50),
                                      [&] { return done; });
      }
      try {
        DrainLog();
        if (!pending && PyErr_CheckSignals() != 0)
          throw py::error_already_set();
      } catch (py::error_already_set& e) {
        if (!pending) pending.emplace(std::move(e));
        cancel_.store(true);
      }
    }
    {
      py::gil_scoped_release release;
      worker.join();
    }
    if (pending) throw *pending;
    if (error) std::rethrow_exception(error);
    return std::move(*result);
  }

 private:
  void DrainLog() {
    std::deque<std::string> lines;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      lines.swap(lines_);
    }
    if (log_.is_none()) return;
    for (const std::string& line : lines) log_(line);
  }

  pybind11::object log_;
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  std::condition_variable finished_;
  std::deque<std::string> lines_;
};

}  // namespace loadlaw::python

#endif  // LOADLAW_PYTHON_INTERRUPT_H_
