// Whether a CSV header is meant as trade data: the case loader skips the other CSV files of a case folder
// (a sources.csv beside the data) with a note, and reads every file that names a trade column, so that a
// misspelt trade header is still a located error.
#pragma once

#include <string_view>
#include <vector>

namespace tradeshock::io_internal {

// True when a field of `header` (any case, blanks trimmed) names a column of a trade layout (long CSV,
// BACI, UN Comtrade), or the header is BACI's t,i,j,k,v,q.
bool NamesTradeColumn(const std::vector<std::string_view>& header);

}  // namespace tradeshock::io_internal
