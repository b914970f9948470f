// The JSON form of a table's contents (include/tradeshock/result_json.h): `tradeshock inspect --format json`.
#include <nlohmann/json.hpp>

#include "tradeshock/result_json.h"

namespace tradeshock {

nlohmann::json ToJson(const TradeTable& table, const ReadReport& read) {
  const TableContents contents = ListContents(table);
  nlohmann::json files = nlohmann::json::array();
  for (const ReadReport::FileReport& file : read.files) {
    files.push_back({{"name", file.name}, {"format", std::string(ToString(file.format))}, {"rows", file.rows}});
  }
  std::vector<std::string> periods;
  for (const Period& period : contents.periods) periods.push_back(period.ToString());
  const double bytes_per_row =
      table.size() == 0 ? 0.0 : static_cast<double>(table.ColumnBytes()) / static_cast<double>(table.size());
  return {{"files", files},
          {"rows", table.size()},
          {"rows_skipped", read.rows_skipped},
          {"reporters", contents.reporters},
          {"partners", contents.partners},
          {"products", contents.products.size()},
          {"periods", periods},
          {"currencies", contents.currencies},
          {"flows", contents.flows},
          {"column_bytes", table.ColumnBytes()},
          {"bytes_per_row", bytes_per_row}};
}

}  // namespace tradeshock
