// What `tradeshock serve` holds in memory: the case folders and trade files named at start, each loaded once
// (LoadCase, ReadTradeFiles) under its loaded name, with what the pickers list (economies, products, periods)
// and each case's own analysis, computed at load. Built before the first request and never changed after:
// the worker threads share it read-only, so no request can change what another sees.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "serve_options.h"
#include "tradeshock/case.h"
#include "tradeshock/case_analysis.h"
#include "tradeshock/period.h"
#include "tradeshock/reference.h"

namespace tradeshock::server {

struct Dataset {
  std::string name;      // the loaded name requests use ("xinjiang-2021", "flows")
  bool is_case = false;  // a case folder; else trade files (no scenario, no claims of their own)
  Case data;
  std::vector<std::string> file_names;  // the data files' names, without their folders
  // The case's own analysis with CaseAnalysisOptions::Defaults() (GET /api/v1/cases/{name}/brief), or why
  // there is none (no scenario; an error of the analysis).
  std::optional<CaseAnalysis> analysis;
  std::string analysis_error;
  // For the pickers, sorted: the economy and product codes of the table, its periods.
  std::vector<std::string> economies;
  std::vector<std::string> products;
  std::vector<Period> periods;
};

class LoadedData {
 public:
  // Loads options.inputs in order: a folder as a case (LoadCase), a file as a table (ReadTradeFiles, imports
  // derived for a table of exports only as options.mirror says). Reports each input through options.log.
  // Throws as the readers do (located InputException, Error), and Error when two inputs have one name.
  static LoadedData Load(const ServeOptions& options, const Reference& reference);

  // nullptr when no input has this name.
  const Dataset* Find(std::string_view name) const;
  const std::vector<Dataset>& datasets() const { return datasets_; }

 private:
  std::vector<Dataset> datasets_;  // sorted by name
};

// The loaded name of an input: a folder's name, a file's name without .gz and .csv ("flows.csv.gz" -> "flows").
std::string LoadedName(const std::string& input);

}  // namespace tradeshock::server
