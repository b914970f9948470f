#include "core/case_path.h"

#include <fmt/format.h>

#include <iterator>
#include <system_error>

namespace tradeshock::file_internal {

bool ResolvesInside(const std::filesystem::path& path, const std::filesystem::path& folder) {
  std::error_code error;
  // Absolute first: weakly_canonical leaves a relative path that does not exist relative.
  const std::filesystem::path root =
      std::filesystem::weakly_canonical(std::filesystem::absolute(folder.empty() ? "." : folder, error), error);
  if (error) return false;
  const std::filesystem::path resolved =
      std::filesystem::weakly_canonical(std::filesystem::absolute(path, error), error);
  if (error) return false;
  // Component by component, so that /case-other is not inside /case; a trailing empty component ("dir/")
  // of the folder matches anything.
  auto inside = resolved.begin();
  for (auto part = root.begin(); part != root.end(); ++part, ++inside) {
    if (part->empty() && std::next(part) == root.end()) return true;
    if (inside == resolved.end() || *inside != *part) return false;
  }
  return true;
}

InputError OutsideCaseError(const SourcePlace& place, std::string_view written, const std::filesystem::path& folder) {
  const std::string shown_folder = folder.empty() ? std::string(".") : folder.string();
  return InputError{InputErrorKind::kIo,
                    place.file,
                    place.line,
                    place.column,
                    std::string(written),
                    fmt::format("a path inside the case folder '{}' (after symbolic links); pass "
                                "--allow-outside-case to read a file outside it",
                                Printable(shown_folder, 200))};
}

}  // namespace tradeshock::file_internal
