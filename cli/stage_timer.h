// Wall time of a command's consecutive stages, for --timings.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace tradeshock::cli {

// Wall time of consecutive stages ("read", "analysis", ...), for --timings: so a user (and bench/) can tell
// reading from analysing without a profiler.
class StageTimer {
 public:
  StageTimer() : last_(std::chrono::steady_clock::now()) {}
  // Ends the current stage and names it.
  void Lap(std::string stage);
  // "timings: read 1.812 s, mirror imports 0.201 s, analysis 0.310 s, total 2.323 s"
  std::string Summary() const;

 private:
  std::chrono::steady_clock::time_point last_;
  std::vector<std::pair<std::string, double>> stages_;
};

}  // namespace tradeshock::cli
