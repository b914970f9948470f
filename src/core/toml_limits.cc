#include "core/toml_limits.h"

#include <fmt/format.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/number_range.h"

namespace tradeshock::toml_internal {

namespace {

class ShapeScanner {
 public:
  ShapeScanner(std::string_view text, const std::string& file) : text_(text), file_(file) {}

  std::optional<InputError> Scan() {
    if (text_.size() > kMaxTomlFileBytes) {
      return Error(1, 1, fmt::format("{} bytes", text_.size()),
                   fmt::format("at most {} bytes in one TOML file (limit kMaxTomlFileBytes)", kMaxTomlFileBytes));
    }
    while (pos_ < text_.size() && !error_) Step();
    return error_;
  }

 private:
  struct Open {
    char bracket;          // '[' or '{'
    std::size_t key_dots;  // dotted-key segments before it opened
    std::size_t elements;  // commas seen inside it + 1
    bool header;           // a [table] or [[table]] header bracket
  };

  void Step() {
    const char c = text_[pos_];
    if (c == '#') return SkipComment();
    if (c == '"' || c == '\'') return SkipString(c);
    if (c == '\n') {
      Advance();
      if (stack_.empty()) StartLine();
      return;
    }
    if (c == '[' || c == '{') return OpenBracket(c);
    if (c == ']' || c == '}') return CloseBracket();
    if (!key_mode_ && (IsDigit(c) || c == '+' || c == '-') && !InWord()) return ScanNumber();
    if (c == '=') key_mode_ = false;
    if (c == ',') Comma();
    if (c == '.' && key_mode_) {
      ++key_dots_;
      CheckDepth("a dotted key");
    }
    Advance();
  }

  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }
  static bool IsWordChar(char c) {
    return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '+' ||
           c == '.' || c == ':';
  }
  bool InWord() const { return pos_ > 0 && IsWordChar(text_[pos_ - 1]); }

  // A value starting with a digit or sign: a float written nonzero that a double cannot hold (1e-400 becomes
  // 0, 1e-320 a subnormal) would pass as 0 through toml++, so it is a bad number here, where its text is.
  void ScanNumber() {
    const std::size_t line = line_;
    const std::size_t column = column_;
    const std::size_t begin = pos_;
    while (pos_ < text_.size() && IsWordChar(text_[pos_])) Advance();
    const std::string_view token = text_.substr(begin, pos_ - begin);
    const bool has_exponent = token.find_first_of("eE") != std::string_view::npos;
    const bool other_base =
        token.size() > 1 && token[0] == '0' && (token[1] == 'x' || token[1] == 'o' || token[1] == 'b');
    if (!has_exponent || other_base || token.find(':') != std::string_view::npos) return;
    std::string digits;
    for (const char c : token) {
      if (c != '_') digits += c;
    }
    char* end = nullptr;
    const double value = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) return;  // not a number: the parser reports it
    if (number_internal::Underflowed(digits, value) && !error_) {
      error_ = InputError{InputErrorKind::kBadNumber,         file_, line, column, std::string(token),
                          number_internal::kUnderflowExpected};
    }
  }

  void StartLine() {
    key_mode_ = true;
    key_dots_ = 0;
    line_start_ = true;
  }

  void OpenBracket(char c) {
    const bool header =
        c == '[' && (line_start_ || (!stack_.empty() && stack_.back().header && pos_ > 0 && text_[pos_ - 1] == '['));
    if (header && line_start_) {
      in_header_ = true;
      key_dots_ = 0;
      if (++header_tables_ > kMaxTomlArrayLength) {
        error_ = Error(line_, column_, fmt::format("{} table headers", header_tables_),
                       fmt::format("at most {} [table] and [[table]] headers in one file (limit kMaxTomlArrayLength)",
                                   kMaxTomlArrayLength));
        return;
      }
    }
    stack_.push_back(Open{c, key_dots_, 1, header});
    key_mode_ = header || c == '{';
    if (c == '{') key_dots_ = 0;
    CheckDepth(c == '{' ? "an inline table" : header ? "a table header" : "an array");
    Advance();
  }

  void CloseBracket() {
    if (!stack_.empty()) {
      const Open open = stack_.back();
      stack_.pop_back();
      if (open.bracket == '{') key_dots_ = open.key_dots;
      if (stack_.empty() && in_header_) {
        in_header_ = false;
        base_ = key_dots_ + (open.header && pos_ > 0 && text_[pos_ - 1] == ']' ? 2 : 1);
        key_dots_ = 0;
      }
    }
    key_mode_ = false;
    Advance();
  }

  void Comma() {
    if (stack_.empty()) return;
    Open& open = stack_.back();
    if (open.bracket == '{') {
      key_dots_ = open.key_dots;
      key_mode_ = true;
    } else if (++open.elements > kMaxTomlArrayLength) {
      error_ = Error(line_, column_, fmt::format("{} elements", open.elements),
                     fmt::format("at most {} elements in one array (limit kMaxTomlArrayLength)", kMaxTomlArrayLength));
    }
  }

  void CheckDepth(std::string_view what) {
    if (error_) return;
    // In a header its own '[' is not a level (a second '[' is: the array of tables).
    const std::size_t depth = (in_header_ ? 0 : base_) + key_dots_ + 1 + stack_.size() - (in_header_ ? 1 : 0);
    if (depth > kMaxTomlDepth) {
      error_ = Error(line_, column_, fmt::format("{} levels at {}", depth, what),
                     fmt::format("at most {} levels of nesting (table headers, dotted keys, arrays and inline tables "
                                 "together; limit kMaxTomlDepth)",
                                 kMaxTomlDepth));
    }
  }

  void SkipComment() {
    while (pos_ < text_.size() && text_[pos_] != '\n') Advance();
  }

  void SkipString(char quote) {
    const bool triple = text_.substr(pos_, 3) == std::string_view(quote == '"' ? "\"\"\"" : "'''");
    const std::size_t width = triple ? 3 : 1;
    for (std::size_t i = 0; i < width; ++i) Advance();
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\\' && quote == '"') {
        Advance();
        if (pos_ < text_.size()) Advance();
        continue;
      }
      if (c == '\n' && !triple) return;  // unterminated: the parser reports it
      if (c == quote && !triple) {
        Advance();
        return;
      }
      if (c == quote && text_.substr(pos_, 3) == std::string(3, quote)) {
        for (std::size_t i = 0; i < 3; ++i) Advance();
        return;
      }
      Advance();
    }
  }

  void Advance() {
    const char c = text_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') line_start_ = false;
  }

  InputError Error(std::size_t line, std::size_t column, std::string value, std::string expected) const {
    return InputError{InputErrorKind::kOverLimit, file_, line, column, std::move(value), std::move(expected)};
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t column_ = 1;
  bool line_start_ = true;
  bool key_mode_ = true;
  bool in_header_ = false;
  std::size_t key_dots_ = 0;
  std::size_t base_ = 0;  // levels of the current [table] header
  std::size_t header_tables_ = 0;
  std::vector<Open> stack_;
  std::optional<InputError> error_;
};

}  // namespace

std::optional<InputError> CheckTomlLimits(std::string_view text, const std::string& file) {
  return ShapeScanner(text, file).Scan();
}

}  // namespace tradeshock::toml_internal
