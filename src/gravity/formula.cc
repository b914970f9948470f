// fixest-style formula parsing and the small subset language of `tradeshock gravity --subset`.
#include <fmt/format.h>

#include <cctype>
#include <cmath>
#include <string>
#include <unordered_set>

#include "tradeshock/error.h"
#include "tradeshock/gravity.h"

namespace tradeshock::gravity {
namespace {

class Scanner {
 public:
  Scanner(const std::string& text, std::string what) : text_(text), what_(std::move(what)) {}

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ >= text_.size();
  }
  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.compare(pos_, token.size(), token) == 0) {
      pos_ += token.size();
      return true;
    }
    return false;
  }
  void Expect(std::string_view token, std::string_view description) {
    if (!Accept(token)) Fail(fmt::format("expected {}", description));
  }
  // A column name: letters, digits, '_' and '.', not starting with a digit.
  std::string Name(std::string_view description) {
    SkipSpace();
    std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' || text_[pos_] == '.')) {
      ++pos_;
    }
    if (pos_ == start) Fail(fmt::format("expected {}", description));
    return text_.substr(start, pos_ - start);
  }
  // A value in a subset expression: up to the next space, ',', '&' or end.
  std::string Value() {
    SkipSpace();
    std::size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '\'') {
      std::size_t close = text_.find('\'', pos_ + 1);
      if (close == std::string::npos) Fail("unterminated quote");
      pos_ = close + 1;
      return text_.substr(start + 1, close - start - 1);
    }
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) && text_[pos_] != ',' &&
           text_[pos_] != '&') {
      ++pos_;
    }
    if (pos_ == start) Fail("expected a value");
    return text_.substr(start, pos_ - start);
  }
  [[noreturn]] void Fail(const std::string& message) {
    SkipSpace();
    throw ExpressionError(SourcePlace{{}, 0, pos_ + 1},
                          fmt::format("{}: {} at column {}: {}", what_, message, pos_ + 1, text_));
  }
  std::size_t pos() const { return pos_; }

 private:
  const std::string& text_;
  std::string what_;
  std::size_t pos_ = 0;
};

Term ParseTerm(Scanner& scanner, std::string_view description) {
  std::string name = scanner.Name(description);
  if (name == "log") {
    if (scanner.Accept("(")) {
      Term term{scanner.Name("a column name inside log()"), true};
      scanner.Expect(")", "')'");
      return term;
    }
  }
  return Term{name, false};
}

}  // namespace

Formula ParseFormula(const std::string& text) {
  Scanner scanner(text, "formula");
  Formula formula;
  formula.response = ParseTerm(scanner, "the response column before '~'");
  scanner.Expect("~", "'~'");
  bool first = true;
  std::unordered_set<std::string> seen;
  while (true) {
    if (!first) {
      if (scanner.AtEnd() || scanner.Accept("|")) break;
      if (scanner.Accept("-")) {
        scanner.Expect("1", "'1' after '-'");
        formula.intercept = false;
        continue;
      }
      scanner.Expect("+", "'+', '|' or the end");
    }
    first = false;
    scanner.SkipSpace();
    if (scanner.Accept("0")) {
      formula.intercept = false;
      continue;
    }
    if (scanner.Accept("1")) continue;
    std::size_t at = scanner.pos();
    Term term = ParseTerm(scanner, "a regressor");
    if (!seen.insert(term.Label()).second) {
      throw ExpressionError(SourcePlace{{}, 0, at + 1}, fmt::format("formula: regressor '{}' repeated at column {}: {}",
                                                                    term.Label(), at + 1, text));
    }
    formula.regressors.push_back(term);
  }
  if (!scanner.AtEnd()) {
    while (true) {
      std::vector<std::string> interaction{scanner.Name("a fixed-effect column")};
      while (scanner.Accept("^")) interaction.push_back(scanner.Name("a column after '^'"));
      formula.fixed_effects.push_back(std::move(interaction));
      if (scanner.AtEnd()) break;
      scanner.Expect("+", "'+' between fixed effects or the end");
    }
    formula.intercept = false;  // absorbed by the fixed effects
  }
  return formula;
}

std::vector<std::uint8_t> EvaluateSubset(const DataFrame& data, const std::string& expression) {
  std::vector<std::uint8_t> mask(data.rows, 1);
  Scanner scanner(expression, "subset");
  while (true) {
    std::string name = scanner.Name("a column name");
    const Column* column = data.Find(name);
    if (column == nullptr) scanner.Fail(fmt::format("unknown column '{}'", name));
    std::string op;
    for (std::string_view candidate : {"==", "!=", "<=", ">=", "<", ">", "in"}) {
      if (scanner.Accept(candidate)) {
        op = candidate;
        break;
      }
    }
    if (op.empty()) scanner.Fail("expected ==, !=, <, <=, >, >= or in");
    std::vector<std::string> values{scanner.Value()};
    if (op == "in") {
      while (scanner.Accept(",")) values.push_back(scanner.Value());
    }
    const Column* other = (op == "==" || op == "!=") ? data.Find(values[0]) : nullptr;
    auto text_of = [](const Column& c, std::size_t row) -> std::string {
      return c.numeric ? fmt::format("{}", c.values[row]) : c.levels[c.codes[row]];
    };
    std::vector<double> numbers;
    if (column->numeric && other == nullptr) {
      for (const std::string& value : values) {
        char* end = nullptr;
        double number = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0') scanner.Fail(fmt::format("'{}' is not a number", value));
        numbers.push_back(number);
      }
    } else if (!column->numeric && op != "==" && op != "!=" && op != "in") {
      scanner.Fail(fmt::format("column '{}' is text: only ==, != and in apply", name));
    }
    for (std::size_t row = 0; row < data.rows; ++row) {
      bool keep = false;
      if (other != nullptr) {
        keep = (text_of(*column, row) == text_of(*other, row)) == (op == "==");
      } else if (column->numeric) {
        double x = column->values[row];
        if (op == "in") {
          for (double n : numbers) keep = keep || x == n;
        } else if (op == "==")
          keep = x == numbers[0];
        else if (op == "!=")
          keep = x != numbers[0];
        else if (op == "<")
          keep = x < numbers[0];
        else if (op == "<=")
          keep = x <= numbers[0];
        else if (op == ">")
          keep = x > numbers[0];
        else
          keep = x >= numbers[0];
      } else {
        const std::string& level = column->levels[column->codes[row]];
        for (const std::string& v : values) keep = keep || level == v;
        if (op == "!=") keep = !keep;
      }
      if (!keep) mask[row] = 0;
    }
    if (scanner.AtEnd()) break;
    scanner.Expect("&", "'&' or the end");
  }
  return mask;
}

}  // namespace tradeshock::gravity
