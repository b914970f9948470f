// The repo's own reference data, loaded once for all reference tests.
#pragma once

#include <filesystem>
#include <memory>

#include "tradeshock/reference.h"

namespace tradeshock::testing {

inline Reference::Paths RepoReferencePaths() {
  Reference::Paths paths = Reference::Paths::Defaults();
  paths.data_dir = std::filesystem::path(TRADESHOCK_SOURCE_DIR) / "data";
  return paths;
}

inline const Reference& RepoReference() {
  static const std::shared_ptr<const Reference> reference = Reference::Load(RepoReferencePaths());
  return *reference;
}

}  // namespace tradeshock::testing
