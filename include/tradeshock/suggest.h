// "Did you mean ...?": the edit distance behind every suggestion (economy names, command-line flags).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tradeshock {

// Levenshtein distance of two short strings (bytes compared as given), capped: anything above `cap` is
// cap + 1.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t cap);

// The candidate nearest to `text` within `cap` edits (the first of equals); empty when none is that near.
std::string Nearest(std::string_view text, const std::vector<std::string>& candidates, std::size_t cap);

}  // namespace tradeshock
