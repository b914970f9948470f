// Per-product import-demand elasticities: `product,import_demand_elasticity`, one product a line, read
// through the program's one CSV reader (core/csv_reader.h): RFC 4180 quoting, CRLF, a BOM, located errors.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/csv_reader.h"
#include "io/input_bytes.h"
#include "tradeshock/pe.h"

namespace tradeshock::pe {
namespace {

constexpr char kHeader[] = "product,import_demand_elasticity";

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::map<std::string, double> ReadImportDemandElasticities(const std::string& path) {
  const io_internal::InputBytes input = io_internal::InputBytes::Load(path);
  csv_internal::CsvReader reader(input.view(), path);
  if (!reader.Next()) throw InputException(InputError{InputErrorKind::kEmpty, path, 1, 1, "", "a header line"});
  std::string header;
  std::vector<std::string> names;
  for (const std::string_view field : reader.fields()) {
    header += header.empty() ? "" : ",";
    header += Trim(field);
    names.emplace_back(Trim(field));
  }
  if (header != kHeader) {
    const std::string shown = csv_internal::HeaderInMessage(names);
    reader.Fail(InputErrorKind::kBadHeader, 1, shown,
                shown.empty() ? fmt::format("{} ({})", kHeader, csv_internal::kNotCsvHint) : kHeader);
  }
  std::map<std::string, double> elasticities;
  while (reader.Next()) {
    reader.RequireFields(2);
    const std::string product(Trim(reader.fields()[0]));
    const std::string_view text = Trim(reader.fields()[1]);
    if (product.empty()) reader.Fail(InputErrorKind::kEmpty, 1, "", "a product code");
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || text.empty()) {
      reader.Fail(InputErrorKind::kBadNumber, 2, text, "a decimal number");
    }
    if (!elasticities.emplace(product, std::abs(value)).second) {
      reader.Fail(InputErrorKind::kDuplicateKey, 1, product, "each product once");
    }
  }
  if (elasticities.empty()) {
    throw InputException(InputError{InputErrorKind::kEmpty, path, reader.line(), 0, "", "at least one product"});
  }
  return elasticities;
}

}  // namespace tradeshock::pe
