// Formatting shared by the case commands (scenario, claims): amounts, the nowcast and the FX rates as text,
// and loading a case folder or loose files with a scenario.
#pragma once

#include <string>
#include <vector>

#include "output.h"
#include "tradeshock/case_analysis.h"

namespace tradeshock::cli {

// 655.8e6, "USD" -> "655.8 million USD" (billion, million or thousand by size).
std::string Money(double value, const std::string& currency);
// A value in millions with one decimal, for table columns headed "million USD".
std::string Amount(double value);
// "0.3019 (normalised 0.1018, 9 partners)"
std::string HhiText(const Concentration& hhi);
// "normalised 0.0700", or nothing when the normalised index is not known (one item, or a rest).
std::string NormalisedText(const Concentration& hhi);
// The nowcast: target, year-to-date value, central and band with and without the policies, year-on-year
// change, every assumption.
std::string NowcastText(const NowcastResult& nowcast);
// Beyond the direct loss: the PE redirection and net loss, what the importer buys elsewhere, the GE changes,
// every parameter with its source, and what was not computed.
std::string BeyondText(const BeyondDirectLoss& beyond, const std::string& currency);
// The same as CSV lines of `section,code,value,at_risk,currency,share_of_exports,share_of_trade` (value only).
std::string BeyondCsv(const BeyondDirectLoss& beyond, const std::string& currency);
// "rates:\n  CNY 2020: 6.9042 per USD (source)\n" or "rates: none (no conversion)\n".
std::string RatesText(const std::vector<RateUsed>& rates);

// The input flags' one case folder (its scenario.toml unless `scenario` is given) or trade files (then
// `scenario` is needed for a scenario), loaded by the library's LoadCaseFrom (tradeshock/case.h) with the read
// options the flags give.
Case LoadCaseOrFiles(const InputFlags& input, const std::string& scenario, const Reference& reference,
                     MirrorImports mirror = MirrorImports::kAuto);

}  // namespace tradeshock::cli
