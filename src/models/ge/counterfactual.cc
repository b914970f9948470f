// Counterfactual expressions of the ge command: a small recursive-descent parser whose conditions become
// predicates over (exporter, importer), and the trade-cost change they imply. Grammar in docs/METHODS.md,
// "General equilibrium", "Counterfactual expressions".
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "tradeshock/error.h"
#include "tradeshock/ge.h"

namespace tradeshock::ge {
namespace {

enum class TokenKind { kWord, kNumber, kSymbol, kEnd };

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  std::size_t column = 0;  // 1-based
};

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  return lower;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < text.size()) {
    const char c = text[at];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++at;
      continue;
    }
    Token token;
    token.column = at + 1;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
      // A number (or a numeric economy code): digits, point, exponent and signs.
      std::size_t end = at + 1;
      while (end < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '.' ||
              ((text[end] == '-' || text[end] == '+') && (text[end - 1] == 'e' || text[end - 1] == 'E')))) {
        ++end;
      }
      token.kind = TokenKind::kNumber;
      token.text = std::string(text.substr(at, end - at));
      at = end;
    } else if (IsWordChar(c)) {
      std::size_t end = at;
      while (end < text.size() && IsWordChar(text[end])) ++end;
      token.kind = TokenKind::kWord;
      token.text = std::string(text.substr(at, end - at));
      at = end;
    } else {
      const std::string_view two = text.substr(at, 2);
      token.kind = TokenKind::kSymbol;
      if (two == "==" || two == "!=" || two == "&&" || two == "||") {
        token.text = std::string(two);
        at += 2;
      } else if (std::string_view("(),;=&|!").find(c) != std::string_view::npos) {
        token.text = std::string(1, c);
        ++at;
      } else {
        throw ExpressionError(SourcePlace{{}, 0, token.column},
                              fmt::format("counterfactual: unexpected character '{}' at column {}: {}",
                                          Printable(std::string(1, c)), token.column, text));
      }
    }
    tokens.push_back(std::move(token));
  }
  Token end;
  end.column = text.size() + 1;
  tokens.push_back(end);
  return tokens;
}

using Predicate = std::function<bool(std::string_view exporter, std::string_view importer)>;

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(Tokenize(text)) {}

  Counterfactual Parse() {
    Counterfactual counterfactual;
    counterfactual.text = std::string(text_);
    if (Peek().kind == TokenKind::kEnd) Fail("a change such as 'rta = 0 where ...' or 'ban where ...'");
    while (true) {
      counterfactual.changes.push_back(ParseChange());
      if (IsSymbol(";")) {
        Next();
        if (Peek().kind == TokenKind::kEnd) break;  // a trailing ';' is harmless
        continue;
      }
      if (Peek().kind != TokenKind::kEnd) Fail("';', 'where' or the end of the expression");
      break;
    }
    return counterfactual;
  }

 private:
  const Token& Peek() const { return tokens_[position_]; }
  const Token& Next() { return tokens_[position_++]; }
  bool IsSymbol(std::string_view symbol) const { return Peek().kind == TokenKind::kSymbol && Peek().text == symbol; }
  bool IsKeyword(std::string_view keyword) const {
    return Peek().kind == TokenKind::kWord && Lower(Peek().text) == keyword;
  }

  [[noreturn]] void Fail(std::string_view expected) const {
    const Token& token = Peek();
    const std::string found = token.kind == TokenKind::kEnd ? std::string("the end of the expression")
                                                            : fmt::format("'{}'", Printable(token.text));
    throw ExpressionError(
        SourcePlace{{}, 0, token.column},
        fmt::format("counterfactual: expected {} at column {}, found {}: {}", expected, token.column, found, text_));
  }

  CounterfactualChange ParseChange() {
    CounterfactualChange change;
    if (IsKeyword("ban")) {
      Next();
      change.ban = true;
      if (!IsKeyword("where")) Fail("'where' after 'ban' (a ban needs the pairs it applies to)");
    } else {
      if (Peek().kind != TokenKind::kWord || IsReserved(Peek().text)) Fail("a variable name or 'ban'");
      change.variable = Next().text;
      if (!IsSymbol("=")) Fail("'=' after the variable name");
      Next();
      if (Peek().kind != TokenKind::kNumber) Fail("a number (the new value of " + change.variable + ")");
      const Token& number = Next();
      std::size_t used = 0;
      try {
        change.value = std::stod(number.text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != number.text.size() || !std::isfinite(change.value)) {
        --position_;
        Fail("a number (the new value of " + change.variable + ")");
      }
    }
    if (IsKeyword("where")) {
      Next();
      const std::size_t start = Peek().column - 1;
      change.applies = ParseOr(change.economies_named);
      const std::size_t end = Peek().column - 1;
      change.condition = std::string(text_.substr(start, end - start));
      while (!change.condition.empty() && std::isspace(static_cast<unsigned char>(change.condition.back()))) {
        change.condition.pop_back();
      }
    } else {
      change.applies = [](std::string_view, std::string_view) { return true; };
    }
    return change;
  }

  static bool IsReserved(const std::string& word) {
    static const std::set<std::string> reserved = {"where", "and", "or", "not", "in", "ban", "exporter", "importer"};
    return reserved.contains(Lower(word));
  }

  Predicate ParseOr(std::vector<std::string>& named) {
    Predicate left = ParseAnd(named);
    while (IsKeyword("or") || IsSymbol("|") || IsSymbol("||")) {
      Next();
      Predicate right = ParseAnd(named);
      left = [left, right](std::string_view e, std::string_view i) { return left(e, i) || right(e, i); };
    }
    return left;
  }

  Predicate ParseAnd(std::vector<std::string>& named) {
    Predicate left = ParseUnary(named);
    while (IsKeyword("and") || IsSymbol("&") || IsSymbol("&&")) {
      Next();
      Predicate right = ParseUnary(named);
      left = [left, right](std::string_view e, std::string_view i) { return left(e, i) && right(e, i); };
    }
    return left;
  }

  Predicate ParseUnary(std::vector<std::string>& named) {
    if (IsKeyword("not") || IsSymbol("!")) {
      Next();
      Predicate inner = ParseUnary(named);
      return [inner](std::string_view e, std::string_view i) { return !inner(e, i); };
    }
    if (IsSymbol("(")) {
      Next();
      Predicate inner = ParseOr(named);
      if (!IsSymbol(")")) Fail("')' or 'and'/'or'");
      Next();
      return inner;
    }
    return ParseClause(named);
  }

  // 0 = exporter, 1 = importer, -1 = neither.
  int Side() const {
    if (IsKeyword("exporter")) return 0;
    if (IsKeyword("importer")) return 1;
    return -1;
  }

  std::string ParseCode() {
    if (Peek().kind != TokenKind::kWord && Peek().kind != TokenKind::kNumber) Fail("an economy code");
    if (IsReserved(Peek().text)) Fail("an economy code");
    return Next().text;
  }

  Predicate ParseClause(std::vector<std::string>& named) {
    const int side = Side();
    if (side < 0) Fail("'exporter', 'importer', 'not' or '('");
    Next();
    bool negate = false;
    if (IsKeyword("not")) {
      Next();
      negate = true;
      if (!IsKeyword("in")) Fail("'in' after 'not'");
    }
    if (IsKeyword("in")) {
      Next();
      if (!IsSymbol("(")) Fail("'(' to open the list of economies");
      Next();
      auto codes = std::make_shared<std::set<std::string, std::less<>>>();
      while (true) {
        const std::string code = ParseCode();
        codes->insert(code);
        named.push_back(code);
        if (IsSymbol(",")) {
          Next();
          continue;
        }
        if (!IsSymbol(")")) Fail("',' or ')' in the list of economies");
        Next();
        break;
      }
      return [side, negate, codes](std::string_view e, std::string_view i) {
        return codes->contains(side == 0 ? e : i) != negate;
      };
    }
    if (negate) Fail("'in' after 'not'");
    bool equal = false;
    if (IsSymbol("==") || IsSymbol("=")) {
      equal = true;
    } else if (IsSymbol("!=")) {
      equal = false;
    } else {
      Fail("'in', 'not in', '==' or '!='");
    }
    Next();
    const int other_side = Side();
    if (other_side >= 0) {
      Next();
      if (other_side == side) {
        return [equal](std::string_view, std::string_view) { return equal; };
      }
      return [equal](std::string_view e, std::string_view i) { return (e == i) == equal; };
    }
    const std::string code = ParseCode();
    named.push_back(code);
    return
        [side, equal, code](std::string_view e, std::string_view i) { return ((side == 0 ? e : i) == code) == equal; };
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

}  // namespace

std::vector<std::string> Counterfactual::Variables() const {
  std::vector<std::string> names;
  for (const CounterfactualChange& change : changes) {
    if (!change.ban && std::find(names.begin(), names.end(), change.variable) == names.end()) {
      names.push_back(change.variable);
    }
  }
  return names;
}

Counterfactual ParseCounterfactual(std::string_view text) { return Parser(text).Parse(); }

Eigen::MatrixXd CounterfactualCostChange(const Counterfactual& counterfactual,
                                         const std::vector<std::string>& economies,
                                         const std::vector<PolicyVariable>& variables) {
  const auto n = Eigen::Index(economies.size());
  const std::set<std::string, std::less<>> known(economies.begin(), economies.end());
  for (const CounterfactualChange& change : counterfactual.changes) {
    for (const std::string& code : change.economies_named) {
      if (!known.contains(code)) {
        throw Error(fmt::format("counterfactual: economy '{}' in '{}' is not in the baseline ({} economies)", code,
                                change.condition, economies.size()));
      }
    }
  }
  std::map<std::string, const PolicyVariable*> by_name;
  for (const PolicyVariable& variable : variables) {
    if (variable.values.rows() != n || variable.values.cols() != n) {
      throw Error(fmt::format("counterfactual: the values of '{}' are {} x {}, the baseline has {} economies",
                              variable.name, variable.values.rows(), variable.values.cols(), n));
    }
    by_name[variable.name] = &variable;
  }
  std::map<std::string, Eigen::MatrixXd> updated;
  Eigen::MatrixXd banned = Eigen::MatrixXd::Ones(n, n);
  for (const CounterfactualChange& change : counterfactual.changes) {
    if (!change.ban && !by_name.contains(change.variable)) {
      throw Error(
          fmt::format("counterfactual: no coefficient for '{}' (the variable changed must be the policy "
                      "variable or a regressor of the estimate)",
                      change.variable));
    }
    Eigen::MatrixXd* values = nullptr;
    if (!change.ban) {
      auto [slot, inserted] = updated.try_emplace(change.variable, by_name[change.variable]->values);
      values = &slot->second;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) {
        if (!change.applies(economies[i], economies[j])) continue;
        if (change.ban) {
          banned(i, j) = 0.0;
        } else {
          (*values)(i, j) = change.value;
        }
      }
    }
  }
  Eigen::MatrixXd log_change = Eigen::MatrixXd::Zero(n, n);
  for (const auto& [name, values] : updated) {
    const PolicyVariable& variable = *by_name[name];
    for (Eigen::Index i = 0; i < n; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) {
        const double old_value = variable.values(i, j);
        const double new_value = values(i, j);
        // Untouched pairs are left alone even when their old value is missing (NaN).
        if (new_value == old_value || (std::isnan(new_value) && std::isnan(old_value))) continue;
        const double delta = new_value - old_value;
        if (!std::isfinite(delta)) {
          throw Error(fmt::format("counterfactual: '{}' has no value for {} -> {}, which the counterfactual changes",
                                  name, economies[i], economies[j]));
        }
        log_change(i, j) += variable.beta * delta;
      }
    }
  }
  return log_change.array().exp().matrix().cwiseProduct(banned);
}

}  // namespace tradeshock::ge
