// Columns and groupings of a gravity fit: the formula's columns checked once, and the fixed-effect and
// cluster variables (interactions "a^b" included) as dense group ids (fit_steps.h, step 1).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "gravity/fit_steps.h"
#include "tradeshock/error.h"

namespace tradeshock::gravity::internal {

const Column& NeedColumn(const DataFrame& data, const std::string& name, const std::string& role) {
  const Column* column = data.Find(name);
  if (column == nullptr) throw Error(fmt::format("gravity: {} column '{}' is not in {}", role, name, data.source));
  return *column;
}

const Column& NeedNumeric(const DataFrame& data, const std::string& name, const std::string& role) {
  const Column& column = NeedColumn(data, name, role);
  if (!column.numeric) {
    throw Error(fmt::format("gravity: {} column '{}' must be numeric: {}:{}: got '{}'", role, name, data.source,
                            column.first_text_line, column.first_text_value));
  }
  return column;
}

Grouping EncodeGrouping(const DataFrame& data, const std::vector<std::string>& names, const std::string& role) {
  Grouping grouping;
  for (const std::string& name : names) {
    grouping.name += (grouping.name.empty() ? "" : "^") + name;
    grouping.columns.push_back(&NeedColumn(data, name, role));
  }
  grouping.ids.assign(data.rows, 0);
  for (const Column* column : grouping.columns) {
    std::vector<std::int32_t> codes(data.rows);
    std::int64_t levels = 0;
    if (column->numeric) {
      // Integer codes in a range no wider than a few times the rows (the usual id columns): a table lookup
      // instead of hashing, in order of first appearance like the hash.
      double low = INFINITY, high = -INFINITY;
      bool integral = true;
      for (double value : column->values) {
        if (std::isnan(value)) continue;
        low = std::min(low, value);
        high = std::max(high, value);
        integral = integral && value == std::floor(value);
      }
      const double width = high - low + 1;
      if (integral && width >= 1 && width <= 4.0 * static_cast<double>(data.rows) + 1024) {
        std::vector<std::int32_t> table(static_cast<std::size_t>(width), -1);
        std::int32_t count = 0;
        for (std::size_t row = 0; row < data.rows; ++row) {
          double value = column->values[row];
          if (std::isnan(value)) {
            codes[row] = -1;
            continue;
          }
          std::int32_t& slot = table[static_cast<std::size_t>(value - low)];
          if (slot < 0) slot = count++;
          codes[row] = slot;
        }
        levels = count;
      }
      std::unordered_map<double, std::int32_t> index;
      for (std::size_t row = 0; row < data.rows && levels == 0; ++row) {
        double value = column->values[row];
        if (std::isnan(value)) {
          codes[row] = -1;
          continue;
        }
        auto [it, inserted] = index.try_emplace(value, static_cast<std::int32_t>(index.size()));
        codes[row] = it->second;
      }
      if (levels == 0) levels = static_cast<std::int64_t>(index.size());
    } else {
      for (std::size_t row = 0; row < data.rows; ++row) {
        std::int32_t code = column->codes[row];
        codes[row] = column->levels[code].empty() ? -1 : code;
      }
      levels = static_cast<std::int64_t>(column->levels.size());
    }
    if (grouping.columns.size() == 1 && column->numeric) {
      grouping.ids = std::move(codes);
      grouping.groups = static_cast<std::int32_t>(levels);
      break;
    }
    // Combine with the previous columns and re-densify so ids stay int32 and small.
    std::unordered_map<std::int64_t, std::int32_t> combined;
    for (std::size_t row = 0; row < data.rows; ++row) {
      if (grouping.ids[row] < 0 || codes[row] < 0) {
        grouping.ids[row] = -1;
        continue;
      }
      std::int64_t key = static_cast<std::int64_t>(grouping.ids[row]) * levels + codes[row];
      auto [it, inserted] = combined.try_emplace(key, static_cast<std::int32_t>(combined.size()));
      grouping.ids[row] = it->second;
    }
    grouping.groups = static_cast<std::int32_t>(combined.size());
  }
  return grouping;
}

std::string LevelLabel(const Grouping& grouping, std::size_t row) {
  std::string label;
  for (const Column* column : grouping.columns) {
    if (!label.empty()) label += "^";
    label += column->numeric ? fmt::format("{}", column->values[row]) : column->levels[column->codes[row]];
  }
  return label;
}

// Dense ids over the used observations.
FeDimension Compact(const std::vector<std::int32_t>& ids, const std::vector<std::size_t>& rows,
                    std::vector<std::size_t>* first_row) {
  FeDimension dim;
  std::int32_t largest = -1;
  for (std::size_t row : rows) largest = std::max(largest, ids[row]);
  std::vector<std::int32_t> remap(static_cast<std::size_t>(largest + 1), -1);
  dim.ids.resize(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::int32_t& slot = remap[ids[rows[i]]];
    if (slot < 0) {
      slot = dim.groups++;
      if (first_row != nullptr) first_row->push_back(rows[i]);
    }
    dim.ids[i] = slot;
  }
  return dim;
}

namespace {

// "exporter^year" -> {"exporter", "year"}.
std::vector<std::string> InteractedNames(const std::string& name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t caret = name.find('^', start);
    parts.push_back(name.substr(start, caret - start));
    if (caret == std::string::npos) break;
    start = caret + 1;
  }
  return parts;
}

}  // namespace

FitInputs ResolveInputs(const DataFrame& data, const Formula& formula, const FitOptions& options) {
  FitInputs inputs;
  inputs.response = &NeedNumeric(data, formula.response.column, "response");
  for (const Term& term : formula.regressors) inputs.regressors.push_back(&NeedNumeric(data, term.column, "regressor"));
  if (!options.weights.empty()) inputs.weights = &NeedNumeric(data, options.weights, "weights");
  if (!options.offset.empty()) inputs.offset = &NeedNumeric(data, options.offset, "offset");
  for (const auto& names : formula.fixed_effects) {
    inputs.fe_groupings.push_back(EncodeGrouping(data, names, "fixed-effect"));
  }
  for (const std::string& name : options.cluster) {
    inputs.cluster_groupings.push_back(EncodeGrouping(data, InteractedNames(name), "cluster"));
  }
  return inputs;
}

}  // namespace tradeshock::gravity::internal
