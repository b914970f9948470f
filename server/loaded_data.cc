#include "loaded_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "tradeshock/error.h"
#include "tradeshock/io.h"

namespace tradeshock::server {

namespace {

namespace fs = std::filesystem;

void Log(const ServeOptions& options, const std::string& line) {
  if (options.log) options.log(line);
}

void FillPickers(Dataset& dataset) {
  const TradeTable& table = dataset.data.table;
  dataset.economies = table.economies().texts();
  dataset.products = table.products().texts();
  dataset.periods = table.periods();
  std::sort(dataset.economies.begin(), dataset.economies.end());
  std::sort(dataset.products.begin(), dataset.products.end());
  std::sort(dataset.periods.begin(), dataset.periods.end());
}

}  // namespace

std::string LoadedName(const std::string& input) {
  fs::path path = fs::path(input).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "data/cases/xinjiang-2021/"
  std::string name = path.filename().string();
  for (const std::string_view suffix : {".gz", ".csv"}) {
    if (name.size() > suffix.size() && name.ends_with(suffix)) name.resize(name.size() - suffix.size());
  }
  return name;
}

LoadedData LoadedData::Load(const ServeOptions& options, const Reference& reference) {
  options.Validate();
  LoadedData loaded;
  for (const std::string& input : options.inputs) {
    Dataset dataset;
    dataset.name = LoadedName(input);
    if (dataset.name.empty()) throw Error(fmt::format("serve: input '{}' has no name to serve it under", input));
    for (const Dataset& other : loaded.datasets_) {
      if (other.name == dataset.name) {
        throw Error(
            fmt::format("serve: two inputs would be served as '{}': give inputs with different names", dataset.name));
      }
    }
    std::error_code error;
    dataset.is_case = fs::is_directory(input, error);
    Log(options, fmt::format("loading {} {} ...", dataset.is_case ? "case" : "table", input));
    CaseSource source;
    source.paths = {input};
    dataset.data = LoadCaseFrom(source, reference, options.read, options.mirror);
    for (const fs::path& file : dataset.data.files.data) dataset.file_names.push_back(file.filename().string());
    FillPickers(dataset);
    if (dataset.data.scenario) {
      try {
        dataset.analysis = AnalyseCase(dataset.data, reference, CaseAnalysisOptions::Defaults());
      } catch (const std::exception& failure) {
        dataset.analysis_error = failure.what();
        Log(options, fmt::format("  {}: no analysis: {}", dataset.name, dataset.analysis_error));
      }
    } else {
      dataset.analysis_error = fmt::format("'{}' has no scenario of its own", dataset.name);
    }
    Log(options, fmt::format("  {}: {} rows, serving as '{}'", input, dataset.data.table.size(), dataset.name));
    loaded.datasets_.push_back(std::move(dataset));
  }
  std::sort(loaded.datasets_.begin(), loaded.datasets_.end(),
            [](const Dataset& a, const Dataset& b) { return a.name < b.name; });
  return loaded;
}

const Dataset* LoadedData::Find(std::string_view name) const {
  const auto found = std::lower_bound(datasets_.begin(), datasets_.end(), name,
                                      [](const Dataset& dataset, std::string_view key) { return dataset.name < key; });
  return found != datasets_.end() && found->name == name ? &*found : nullptr;
}

}  // namespace tradeshock::server
