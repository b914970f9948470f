// The one vocabulary of unit words ("bn", "million", "k", ...) for every file the program reads — data files
// (the long CSV's `unit` column), scenario files (a stated amount's `unit`) and claims files ("21.387 billion
// USD") — and the word the number formatter writes for each scale (number_format.h). Listed in
// docs/FORMATS.md, "Long CSV".
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tradeshock {

struct UnitWord {
  std::string_view word;  // lower case
  double scale = 1.0;     // the multiplier: 1, 1e3, 1e6, 1e9 or 1e12
};

// Every accepted word and its multiplier: "" (empty), "unit", "units", "one" = 1; "thousand", "thousands",
// "k" = 10^3; "million", "millions", "mn" = 10^6; "billion", "billions", "bn" = 10^9; "trillion",
// "trillions", "tn" = 10^12.
std::span<const UnitWord> UnitWords();

// The multiplier of a unit word, ignoring ASCII case and surrounding blanks; nullopt for any other text.
std::optional<double> UnitScale(std::string_view word);

// What UnitScale accepts, for the "expected ..." part of error messages.
inline constexpr char kUnitWordsExpected[] =
    "a unit: empty, unit, thousand (k), million (mn), billion (bn) or trillion (tn)";

// The word written for a multiplier: "thousand", "million", "billion", "trillion"; "" for 1 and for any
// value that is not one of them.
std::string_view ScaleWord(double scale);

}  // namespace tradeshock
