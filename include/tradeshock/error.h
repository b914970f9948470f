// Error policy (see docs/ARCHITECTURE.md):
//  - a fault in the user's input is an InputError value: file, line, column, the value found, what was
//    expected. Readers collect them (--lenient) or raise the first one as InputException (strict);
//  - an error that ends an operation (unknown code, missing FX rate, bad option) is an Error exception;
//  - assertions are for programming errors only.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tradeshock {

// Ends the current operation; the message is complete and meant for the user.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where something was written: the one location type of every located fault (InputError for CSV and TOML
// inputs, ClaimsFileError, ExpressionError) and of the places a scenario keeps for later messages.
// 1-based line and column; 0 means "not applicable" (a whole-file error, an expression given on the
// command line has no file and no line). For CSV the column is the 1-based field; for TOML and for
// expressions it is the 1-based character.
struct SourcePlace {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;

  // "file:line:column", leaving out a line or column of 0; "<input>" when there is no file.
  std::string ToString() const;
};

enum class InputErrorKind {
  kIo,               // cannot open or read
  kCompression,      // corrupt or truncated gzip stream
  kEncoding,         // bytes that are not UTF-8
  kEmpty,            // no header, or no data rows
  kBadHeader,        // header does not match a known format
  kColumnCount,      // a row has too many or too few fields
  kQuoting,          // unterminated or misplaced quote
  kBadNumber,        // not a finite decimal number, or out of range
  kNegativeValue,    // a value that must be >= 0
  kBadPeriod,        // not YYYY, YYYY-MM or YYYY-MM..YYYY-MM
  kBadFlow,          // not exports, imports or trade (or a known alias)
  kBadUnit,          // not a known scale word (unit, thousand, million, billion...)
  kUnknownCode,      // economy or product code that does not resolve
  kUnknownCurrency,  // not an ISO 4217 code
  kDuplicateKey,     // same reporter, partner, flow, product, period twice
  kBadSyntax,        // text that does not parse: a TOML syntax fault (scenario and claims files)
  kOverLimit,        // over a named limit (docs/FORMATS.md "Limits"): nesting, array length, line, size
  kConflict,         // two fields or entries that disagree: ISO vs numeric code, one code for two economies
  kBadKey,           // a TOML key that is unknown, or a required one that is missing (scenario, claims)
};

std::string_view ToString(InputErrorKind kind);

// 1-based line and column; 0 means "not applicable" (e.g. a whole-file error). place() gives them as the
// shared SourcePlace.
struct InputError {
  InputErrorKind kind = InputErrorKind::kIo;
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string value;     // the offending text, shortened and made printable
  std::string expected;  // what would have been accepted

  SourcePlace place() const { return SourcePlace{file, line, column}; }
  // "file:line:column: bad number: got '1,2x', expected a decimal number"
  std::string Message() const;
};

// The strict-mode form of an InputError.
class InputException : public Error {
 public:
  explicit InputException(InputError error);
  const InputError& error() const { return error_; }

 private:
  InputError error_;
};

// A fault in a one-line expression (a gravity formula or subset, a GE counterfactual). place().column is
// the 1-based character where the fault was found; file and line are set when the caller knows them.
class ExpressionError : public Error {
 public:
  ExpressionError(SourcePlace place, const std::string& message) : Error(message), place_(std::move(place)) {}
  const SourcePlace& place() const { return place_; }

 private:
  SourcePlace place_;
};

// A value made safe to print inside quotes: non-printable and non-UTF-8 bytes become \xNN, long text
// is cut with an ellipsis.
std::string Printable(std::string_view text, std::size_t max_length = 60);

}  // namespace tradeshock
