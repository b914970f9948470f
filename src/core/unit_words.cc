#include "tradeshock/unit_words.h"

#include <array>
#include <cctype>
#include <string>

namespace tradeshock {
namespace {

// The table: every word any input file may use for a multiplier. The first word of each multiplier above
// 1 is the one written (ScaleWord).
constexpr std::array<UnitWord, 16> kUnitWords = {{
    {"", 1.0},
    {"unit", 1.0},
    {"units", 1.0},
    {"one", 1.0},
    {"thousand", 1e3},
    {"thousands", 1e3},
    {"k", 1e3},
    {"million", 1e6},
    {"millions", 1e6},
    {"mn", 1e6},
    {"billion", 1e9},
    {"billions", 1e9},
    {"bn", 1e9},
    {"trillion", 1e12},
    {"trillions", 1e12},
    {"tn", 1e12},
}};

}  // namespace

std::span<const UnitWord> UnitWords() { return kUnitWords; }

std::optional<double> UnitScale(std::string_view word) {
  while (!word.empty() && std::isspace(static_cast<unsigned char>(word.front()))) word.remove_prefix(1);
  while (!word.empty() && std::isspace(static_cast<unsigned char>(word.back()))) word.remove_suffix(1);
  if (word.size() > 16) return std::nullopt;  // longer than any word of the table
  std::string lower(word);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const UnitWord& entry : kUnitWords) {
    if (entry.word == lower) return entry.scale;
  }
  return std::nullopt;
}

std::string_view ScaleWord(double scale) {
  if (scale == 1.0) return "";
  for (const UnitWord& entry : kUnitWords) {
    if (entry.scale == scale) return entry.word;
  }
  return "";
}

}  // namespace tradeshock
