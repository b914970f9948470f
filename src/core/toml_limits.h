// Named limits on the shape of a TOML file (scenario and claims files), checked by a cheap scan of the
// text before toml++ parses it: toml++ builds and destroys nested tables recursively, so a file nested
// thousands of levels deep would overflow the stack, and a very long array would make the later checks
// slow. docs/FORMATS.md ("Limits") lists them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "tradeshock/error.h"

namespace tradeshock::toml_internal {

// Levels of nesting: table-header segments, dotted-key segments, arrays and inline tables together.
inline constexpr std::size_t kMaxTomlDepth = 32;
// Elements of one array (a `products` or `partners` list), and [[...]] tables of one file.
inline constexpr std::size_t kMaxTomlArrayLength = 10000;
// Bytes of one scenario or claims file.
inline constexpr std::size_t kMaxTomlFileBytes = 16u << 20;

// The first limit `text` exceeds, as a kOverLimit error located at the line and column (1-based
// characters) where it is exceeded, naming the limit; or a kBadNumber error at a float written nonzero
// that underflows a double (1e-400, 1e-320: the parser would make it 0); nullopt when the text is within
// every limit. Only the shape is checked: a syntax fault is left to the parser.
std::optional<InputError> CheckTomlLimits(std::string_view text, const std::string& file);

}  // namespace tradeshock::toml_internal
