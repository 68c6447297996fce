// Writes a simulator sweep and its fitted capacity model for the tests that
// run the loadlaw binary and a browser on a real report:
//
//   report_sim_fixture OUT_DIR   ->  OUT_DIR/sim.sweep.json, sim.model.json

#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "loadlaw/fit/capacity_model_json.h"
#include "loadlaw/calibrate/calibrate.h"
#include "loadlaw/sweep_file/sweep_file.h"
#include "report/sim_sweep.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::string dir = argv[1];
    std::filesystem::create_directories(dir);
    const loadlaw::sweep::SweepFile sweep = loadlaw::testing::SimSweep();
    loadlaw::sweep::SaveSweepAtomic(sweep, dir + "/sim.sweep.json");
    const loadlaw::fit::CapacityModel model = loadlaw::calibrate::FitSweep(sweep);
    loadlaw::fit::SaveCapacityModel(model, dir + "/sim.model.json");
    std::printf("%s/sim.sweep.json\n%s/sim.model.json\n", dir.c_str(),
                dir.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "report_sim_fixture: %s\n", e.what());
    return 1;
  }
  return 0;
}
