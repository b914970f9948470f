// The default trade elasticity (data/reference/trade_elasticity.csv): one row `theta,value,source,as_of`.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "reference/csv_file.h"
#include "reference/reference_impl.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {

void LoadTradeElasticity(const std::filesystem::path& path, Reference::Impl& impl) {
  const CsvFile csv = CsvFile::Read(path);
  const std::size_t parameter_column = csv.Column("parameter");
  const std::size_t value_column = csv.Column("value");
  const std::size_t source_column = csv.Column("source");
  const std::size_t as_of_column = csv.Column("as_of");
  bool found = false;
  for (std::size_t row = 0; row < csv.row_count(); ++row) {
    if (csv.at(row, parameter_column) != "theta") {
      csv.Fail(csv.line(row),
               fmt::format("parameter '{}' is not known (expected theta)", csv.at(row, parameter_column)));
    }
    if (found) csv.Fail(csv.line(row), "theta is given twice");
    const std::string_view text = csv.at(row, value_column);
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value <= 0.0 ||
        value > 50.0) {
      csv.Fail(csv.line(row), fmt::format("theta '{}' is not a number > 0 and <= 50", text));
    }
    if (csv.at(row, source_column).empty()) csv.Fail(csv.line(row), "theta has no source");
    impl.trade_elasticity =
        TradeElasticity{value, std::string(csv.at(row, source_column)), std::string(csv.at(row, as_of_column))};
    found = true;
  }
  if (!found) throw Error(fmt::format("reference file '{}': no theta row", path.string()));
}

}  // namespace tradeshock::reference_internal
