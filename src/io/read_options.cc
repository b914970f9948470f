#include <fmt/format.h>

#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock {

ReadOptions ReadOptions::Defaults() { return ReadOptions(); }

void ReadOptions::Validate() const {
  switch (format) {
    case InputFormat::kAuto:
    case InputFormat::kLong:
    case InputFormat::kBaci:
    case InputFormat::kComtrade:
      break;
    default:
      throw Error(fmt::format("io: ReadOptions::format must be auto, long, baci or comtrade, got {}",
                              static_cast<int>(format)));
  }
  if (duplicates != DuplicatePolicy::kError && duplicates != DuplicatePolicy::kSum) {
    throw Error(fmt::format("io: ReadOptions::duplicates must be error or sum, got {}", static_cast<int>(duplicates)));
  }
  if (max_inflated_bytes < 0) {
    throw Error(fmt::format(
        "io: ReadOptions::max_inflated_bytes must be 0 (the default: the larger of 1 GiB and {} x the compressed "
        "size) or a positive number of bytes, got {}",
        kMaxInflationRatio, max_inflated_bytes));
  }
  if (threads > kMaxThreads) {
    throw Error(fmt::format("io: ReadOptions::threads must be 0 (all cores) to {}, got {}", kMaxThreads, threads));
  }
}

}  // namespace tradeshock
