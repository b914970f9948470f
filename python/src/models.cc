// gravity.fit on a data frame handed over column by column from pandas, and GE on a panel file
// (RunGeOnPanel): options struct in, one library call, the result out as result_json.h's object (the same as
// `tradeshock gravity --format json` and `tradeshock ge --format json`).
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "bindings.h"
#include "tradeshock/ge_panel.h"
#include "tradeshock/gravity.h"
#include "tradeshock/result_json.h"

namespace py = pybind11;

namespace tradeshock::python {
namespace {

gravity::DataFrame ToDataFrame(const std::vector<py::tuple>& columns, std::size_t rows, const std::string& source) {
  gravity::DataFrame data;
  data.source = source;
  data.rows = rows;
  for (const py::tuple& argument : columns) {
    gravity::Column column;
    column.name = argument[0].cast<std::string>();
    if (argument[1].is_none()) {
      const auto codes = argument[2].cast<py::array_t<std::int32_t, py::array::c_style | py::array::forcecast>>();
      column.numeric = false;
      column.levels = argument[3].cast<std::vector<std::string>>();
      column.codes.assign(codes.data(), codes.data() + codes.size());
      // A missing text value is its own level "", as the CSV reader reads an empty field.
      for (std::int32_t& code : column.codes) {
        if (code < 0) {
          const auto empty = std::find(column.levels.begin(), column.levels.end(), std::string());
          if (empty == column.levels.end()) column.levels.emplace_back();
          code = static_cast<std::int32_t>(std::find(column.levels.begin(), column.levels.end(), std::string()) -
                                           column.levels.begin());
        }
      }
      // Messages name the first row as its line ("<DataFrame>:1"), row 0 being line 1.
      if (!column.codes.empty()) {
        column.first_text_line = 1;
        column.first_text_value = column.levels[static_cast<std::size_t>(column.codes.front())];
      }
    } else {
      const auto values = argument[1].cast<py::array_t<double, py::array::c_style | py::array::forcecast>>();
      column.values.assign(values.data(), values.data() + values.size());
    }
    const std::size_t size = column.numeric ? column.values.size() : column.codes.size();
    if (size != rows)
      throw Error(fmt::format("gravity: column '{}' has {} rows, expected {}", column.name, size, rows));
    data.columns.push_back(std::move(column));
  }
  return data;
}

gravity::FitOptions ParseFitOptions(const py::dict& given, const gravity::DataFrame& data) {
  gravity::FitOptions options = gravity::FitOptions::Defaults();
  const std::string family = given["family"].cast<std::string>();
  if (family == "poisson") {
    options.family = gravity::Family::kPoisson;
  } else if (family == "ols") {
    options.family = gravity::Family::kGaussian;
  } else {
    throw Error("gravity: family must be poisson or ols, got '" + Printable(family) + "'");
  }
  options.cluster = given["cluster"].cast<std::vector<std::string>>();
  std::string vcov = given["vcov"].cast<std::string>();
  if (vcov.empty()) vcov = options.cluster.empty() ? "hc1" : "cluster";
  if (vcov == "iid") {
    options.vcov = gravity::VcovType::kIid;
  } else if (vcov == "hc1" || vcov == "robust") {
    options.vcov = gravity::VcovType::kHeteroskedastic;
  } else if (vcov == "cluster") {
    options.vcov = gravity::VcovType::kCluster;
  } else {
    throw Error("gravity: vcov must be iid, hc1 or cluster, got '" + Printable(vcov) + "'");
  }
  const std::string ssc = given["ssc"].cast<std::string>();
  if (ssc == "fixest") {
    options.small_sample = gravity::SmallSample::kFixest;
  } else if (ssc == "stata") {
    options.small_sample = gravity::SmallSample::kStata;
  } else if (ssc == "none") {
    options.small_sample = gravity::SmallSample::kNone;
  } else {
    throw Error("gravity: ssc must be fixest, stata or none, got '" + Printable(ssc) + "'");
  }
  const std::string subset = given["subset"].cast<std::string>();
  if (!subset.empty()) options.subset = gravity::EvaluateSubset(data, subset);
  options.weights = given["weights"].cast<std::string>();
  options.offset = given["offset"].cast<std::string>();
  options.tolerance = given["tolerance"].cast<double>();
  options.max_iterations = given["max_iterations"].cast<int>();
  options.drop_singletons = given["drop_singletons"].cast<bool>();
  // As the command line: the rectifier on for Poisson unless turned off.
  options.check_separation = given["rectifier"].cast<bool>() && options.family == gravity::Family::kPoisson;
  options.threads = given["threads"].cast<int>();
  return options;
}

py::dict Fit(const std::vector<py::tuple>& columns, std::size_t rows, const std::string& formula_text,
             const py::dict& given) {
  const gravity::DataFrame data = ToDataFrame(columns, rows, "<DataFrame>");
  const gravity::Formula formula = gravity::ParseFormula(formula_text);
  const gravity::FitOptions options = ParseFitOptions(given, data);
  gravity::FitResult fit;
  {
    py::gil_scoped_release release;
    fit = gravity::Fit(data, formula, options);
  }
  py::dict result;
  result["json"] = ToPython(ToJson(fit, formula_text));
  std::vector<std::string> names;
  for (const gravity::Coefficient& c : fit.coefficients) names.push_back(c.name);
  result["names"] = names;
  py::array_t<double> vcov({fit.vcov.rows(), fit.vcov.cols()});
  auto cells = vcov.mutable_unchecked<2>();
  for (Eigen::Index i = 0; i < fit.vcov.rows(); ++i) {
    for (Eigen::Index j = 0; j < fit.vcov.cols(); ++j) cells(i, j) = fit.vcov(i, j);
  }
  result["vcov"] = vcov;
  result["fitted"] = py::array_t<double>(static_cast<py::ssize_t>(fit.fitted.size()), fit.fitted.data());
  return result;
}

py::object RunGe(const py::dict& given) {
  GePanelOptions options = GePanelOptions::Defaults();
  options.panel.file = given["panel"].cast<std::string>();
  options.panel.exporter = given["exporter"].cast<std::string>();
  options.panel.importer = given["importer"].cast<std::string>();
  options.panel.trade = given["trade"].cast<std::string>();
  if (!given["year"].is_none()) options.panel.year = given["year"].cast<double>();
  options.panel.year_column = given["year_column"].cast<std::string>();
  options.counterfactual = given["counterfactual"].cast<std::string>();
  if (!given["sigma"].is_none()) options.sigma = given["sigma"].cast<double>();
  if (!given["theta"].is_none()) options.theta = given["theta"].cast<double>();
  options.reference = given["reference"].cast<std::string>();
  options.estimate = given["estimate"].cast<std::string>();
  options.estimate_subset = given["estimate_subset"].cast<std::string>();
  if (!given["beta"].is_none()) options.beta = given["beta"].cast<double>();
  options.policy = given["policy"].cast<std::string>();
  options.baseline = given["baseline"].cast<std::string>();
  options.fill_costs = given["fill_costs"].cast<std::string>();
  options.imbalance = ge::ParseImbalance(given["imbalance"].cast<std::string>(), "imbalance");
  options.method = ge::ParseFullEndowmentMethod(given["method"].cast<std::string>(), "method");
  options.stopping_rule = ge::ParseStoppingRule(given["stopping_rule"].cast<std::string>(), "stopping_rule");
  if (!given["tolerance"].is_none()) options.tolerance = given["tolerance"].cast<double>();
  if (!given["max_iterations"].is_none()) options.max_iterations = given["max_iterations"].cast<int>();
  std::vector<std::string> notes;
  options.note = [&notes](std::string_view text) { notes.emplace_back(text); };

  GePanelResult run;
  {
    py::gil_scoped_release release;
    run = RunGeOnPanel(options);
  }
  // The object of `tradeshock ge --format json`, with the run's notes and the baseline fit.
  nlohmann::json json = ToJson(run, options);
  json["notes"] = notes;
  if (run.fit) json["fit"] = ToJson(*run.fit, options.estimate);
  return ToPython(json);
}

}  // namespace

void DefineModels(py::module_& module) {
  module.def("gravity_fit", &Fit, py::arg("columns"), py::arg("rows"), py::arg("formula"), py::arg("options"));
  module.def("ge_run_panel", &RunGe, py::arg("options"));
}

}  // namespace tradeshock::python
