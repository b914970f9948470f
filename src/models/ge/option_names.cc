// The words that name the GE solver's options (include/tradeshock/ge.h): `tradeshock ge --imbalance`,
// `--stopping-rule`, `--method`, the Python package's arguments of the same names and the JSON's values.
#include <fmt/format.h>

#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge {
namespace {

[[noreturn]] void ThrowNotAWord(std::string_view option, std::string_view words, std::string_view text) {
  throw Error(fmt::format("ge: {} must be {}, got '{}'", option, words, Printable(text)));
}

}  // namespace

std::string_view ToString(Imbalance imbalance) {
  switch (imbalance) {
    case Imbalance::kMultiplicative:
      return "multiplicative";
    case Imbalance::kAdditive:
      return "additive";
  }
  return "";
}

std::string_view ToString(StoppingRule rule) {
  switch (rule) {
    case StoppingRule::kLogFlows:
      return "log-flows";
    case StoppingRule::kBookPrices:
      return "book";
  }
  return "";
}

std::string_view ToString(FullEndowmentMethod method) {
  switch (method) {
    case FullEndowmentMethod::kFixedPoint:
      return "equilibrium";
    case FullEndowmentMethod::kBookProcedure:
      return "book";
  }
  return "";
}

Imbalance ParseImbalance(std::string_view text, std::string_view option) {
  for (const Imbalance imbalance : {Imbalance::kMultiplicative, Imbalance::kAdditive}) {
    if (text == ToString(imbalance)) return imbalance;
  }
  ThrowNotAWord(option, "multiplicative or additive", text);
}

StoppingRule ParseStoppingRule(std::string_view text, std::string_view option) {
  for (const StoppingRule rule : {StoppingRule::kLogFlows, StoppingRule::kBookPrices}) {
    if (text == ToString(rule)) return rule;
  }
  ThrowNotAWord(option, "log-flows or book", text);
}

FullEndowmentMethod ParseFullEndowmentMethod(std::string_view text, std::string_view option) {
  for (const FullEndowmentMethod method : {FullEndowmentMethod::kFixedPoint, FullEndowmentMethod::kBookProcedure}) {
    if (text == ToString(method)) return method;
  }
  ThrowNotAWord(option, "equilibrium or book", text);
}

}  // namespace tradeshock::ge
