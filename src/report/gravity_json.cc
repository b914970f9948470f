// The JSON form of a gravity fit (include/tradeshock/result_json.h): `tradeshock gravity --format json` and the
// Python package's gravity.fit give this object.
#include <nlohmann/json.hpp>

#include "tradeshock/gravity.h"
#include "tradeshock/result_json.h"

namespace tradeshock {
namespace {

std::string_view SmallSampleName(gravity::SmallSample small_sample) {
  switch (small_sample) {
    case gravity::SmallSample::kFixest:
      return "fixest";
    case gravity::SmallSample::kStata:
      return "stata";
    case gravity::SmallSample::kNone:
      return "none";
  }
  return "";
}

}  // namespace

nlohmann::json ToJson(const gravity::FitResult& fit, const std::string& formula) {
  nlohmann::json json;
  json["formula"] = formula;
  json["family"] = fit.family == gravity::Family::kPoisson ? "poisson" : "gaussian";
  json["coefficients"] = nlohmann::json::array();
  for (const gravity::Coefficient& c : fit.coefficients) {
    json["coefficients"].push_back({{"term", c.name},
                                    {"estimate", c.estimate},
                                    {"std_error", c.std_error},
                                    {"statistic", c.statistic},
                                    {"p_value", c.p_value}});
  }
  json["collinear"] = fit.collinear;
  json["vcov"] = {{"type", gravity::ToString(fit.vcov_type)},
                  {"small_sample", SmallSampleName(fit.small_sample)},
                  {"cluster", fit.cluster},
                  {"clusters", fit.cluster_counts}};
  json["observations"] = fit.observations;
  json["input_rows"] = fit.input_rows;
  json["dropped"] = {{"subset", fit.dropped.subset},
                     {"missing", fit.dropped.missing},
                     {"singleton", fit.dropped.singleton},
                     {"separated_fixed_effects", fit.dropped.separated_fe},
                     {"separated_rectifier", fit.dropped.separated_relu}};
  json["separated_rows"] = fit.separated_rows;  // 0-based data rows (the header is not a row)
  json["iterations"] = fit.iterations;
  json["converged"] = fit.converged;
  json["fe_converged"] = fit.fe_converged;
  json["last_change"] = fit.last_change;
  json["deviance"] = fit.deviance;
  json["log_likelihood"] = fit.log_likelihood;
  json["pseudo_r2"] = fit.pseudo_r2;
  json["notes"] = fit.notes;
  return json;
}

}  // namespace tradeshock
