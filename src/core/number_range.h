// The range of a number read from text: a decimal written nonzero that the double it becomes cannot hold.
// One rule for every reader (trade files, panels, elasticities, FX reference rates, stated figures): a
// nonzero number that underflows to 0 (1e-400) or to a subnormal double (1e-320, below DBL_MIN =
// 2.2250738585072014e-308, where precision is lost) is an error, as is one that overflows to infinity
// (docs/FORMATS.md, "Limits").
#pragma once

#include <string_view>

namespace tradeshock::number_internal {

// Whether `value`, parsed from `text`, lost the number written: the text has a nonzero digit before any
// exponent but the value is 0, or the value is subnormal.
bool Underflowed(std::string_view text, double value);

// The `expected` text of an underflow error.
inline constexpr char kUnderflowExpected[] =
    "0 or a number of magnitude at least 2.2e-308 (smaller ones underflow to 0 or lose precision in a double)";

}  // namespace tradeshock::number_internal
