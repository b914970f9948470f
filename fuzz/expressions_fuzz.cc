// Fuzzes the expression parsers: the first byte picks one, the rest is its text.
//   0: a gravity formula (ParseFormula), then the same text as a subset over a small data frame
//   1: a GE counterfactual (ge::ParseCounterfactual)
//   2: a stated figure of a claim (ParseStatedFigure), whose value must be finite when accepted
// Faults must be tradeshock::Error (ExpressionError carries the column); nothing else may escape.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tradeshock/claims.h"
#include "tradeshock/error.h"
#include "tradeshock/ge.h"
#include "tradeshock/gravity.h"

namespace {

const tradeshock::gravity::DataFrame& SmallFrame() {
  static const tradeshock::gravity::DataFrame frame = tradeshock::gravity::ParseDataFrame(
      "exporter,importer,year,trade,dist,rta\nA,B,2000,10,1.5,1\nB,A,2000,3,1.5,0\nA,A,2004,40,0.1,0\n", "frame.csv");
  return frame;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    switch (data[0] % 3) {
      case 0:
        try {
          (void)tradeshock::gravity::ParseFormula(text);
        } catch (const tradeshock::Error&) {
        }
        (void)tradeshock::gravity::EvaluateSubset(SmallFrame(), text);
        break;
      case 1:
        (void)tradeshock::ge::ParseCounterfactual(text);
        break;
      default: {
        const tradeshock::StatedFigure figure = tradeshock::ParseStatedFigure(text);
        if (!std::isfinite(figure.Value())) std::abort();
        break;
      }
    }
  } catch (const tradeshock::Error&) {
  }
  return 0;
}
