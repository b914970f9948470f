// Paths a case names stay inside the case: a scenario's [models.ge] panel and the files found in a case
// folder must resolve, after symbolic links, inside the case folder, unless the user allows otherwise
// (ReadOptions::allow_outside_case, --allow-outside-case). So a case folder from someone else cannot make the
// program read, and quote in its messages, a file elsewhere on the machine.
#pragma once

#include <filesystem>
#include <string_view>

#include "tradeshock/error.h"

namespace tradeshock::file_internal {

// Whether `path` lies inside `folder` (or is it) once both are resolved through symbolic links
// (std::filesystem::weakly_canonical: the existing part resolved, the rest normalised, so ".." cannot climb
// out). An empty folder is the current one. False when either cannot be resolved.
bool ResolvesInside(const std::filesystem::path& path, const std::filesystem::path& folder);

// The error for a path outside the case: kIo at `place`, the path as written, the folder it must stay in and
// the flag that allows it.
InputError OutsideCaseError(const SourcePlace& place, std::string_view written, const std::filesystem::path& folder);

}  // namespace tradeshock::file_internal
