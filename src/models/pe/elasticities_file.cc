// Per-product import-demand elasticities: `product,import_demand_elasticity`, one product a line.
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

#include "tradeshock/pe.h"

namespace tradeshock::pe {
namespace {

[[noreturn]] void Fail(InputErrorKind kind, const std::string& path, std::size_t line, std::size_t column,
                       const std::string& value, const std::string& expected) {
  InputError error;
  error.kind = kind;
  error.file = path;
  error.line = line;
  error.column = column;
  error.value = Printable(value);
  error.expected = expected;
  throw InputException(error);
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

}  // namespace

std::map<std::string, double> ReadImportDemandElasticities(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Fail(InputErrorKind::kIo, path, 0, 0, path, "a readable file");
  std::string line;
  if (!std::getline(in, line)) Fail(InputErrorKind::kEmpty, path, 1, 1, "", "a header line");
  if (Trim(line) != "product,import_demand_elasticity") {
    Fail(InputErrorKind::kBadHeader, path, 1, 1, Trim(line), "product,import_demand_elasticity");
  }
  std::map<std::string, double> elasticities;
  std::size_t line_number = 1;
  while (std::getline(in, line)) {
    ++line_number;
    if (Trim(line).empty()) continue;
    const auto comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos) {
      Fail(InputErrorKind::kColumnCount, path, line_number, 1, line, "2 fields");
    }
    const std::string product = Trim(line.substr(0, comma));
    const std::string text = Trim(line.substr(comma + 1));
    if (product.empty()) Fail(InputErrorKind::kEmpty, path, line_number, 1, "", "a product code");
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || text.empty()) {
      Fail(InputErrorKind::kBadNumber, path, line_number, comma + 2, text, "a decimal number");
    }
    if (!elasticities.emplace(product, std::abs(value)).second) {
      Fail(InputErrorKind::kDuplicateKey, path, line_number, 1, product, "each product once");
    }
  }
  if (elasticities.empty()) Fail(InputErrorKind::kEmpty, path, line_number, 0, "", "at least one product");
  return elasticities;
}

}  // namespace tradeshock::pe
