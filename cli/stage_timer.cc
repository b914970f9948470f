#include "stage_timer.h"

#include <fmt/format.h>

namespace tradeshock::cli {

void StageTimer::Lap(std::string stage) {
  const auto now = std::chrono::steady_clock::now();
  stages_.emplace_back(std::move(stage), std::chrono::duration<double>(now - last_).count());
  last_ = now;
}

std::string StageTimer::Summary() const {
  std::string out = "timings:";
  double total = 0.0;
  for (const auto& [stage, seconds] : stages_) {
    out += fmt::format(" {} {:.3f} s,", stage, seconds);
    total += seconds;
  }
  return out + fmt::format(" total {:.3f} s", total);
}

}  // namespace tradeshock::cli
