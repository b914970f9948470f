#include "output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cctype>
#include <cmath>
#include <cstdio>

#include "tradeshock/error.h"

namespace tradeshock::cli {
namespace {

// Whether a code point is drawn two columns wide (CJK, Hangul, full-width forms), as in product names such as
// "服装及衣着附件".
bool IsWide(char32_t code_point) {
  return (code_point >= 0x1100 && code_point <= 0x115F) || (code_point >= 0x2E80 && code_point <= 0xA4CF) ||
         (code_point >= 0xAC00 && code_point <= 0xD7A3) || (code_point >= 0xF900 && code_point <= 0xFAFF) ||
         (code_point >= 0xFE30 && code_point <= 0xFE4F) || (code_point >= 0xFF00 && code_point <= 0xFF60) ||
         (code_point >= 0xFFE0 && code_point <= 0xFFE6);
}

// Display width of UTF-8 text in terminal columns: code points, not bytes ("Côte d'Ivoire"), two for wide ones.
std::size_t Width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    char32_t code_point = length == 1 ? lead : lead & (0x3F >> (length - 1));
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    width += IsWide(code_point) ? 2 : 1;
    i += length;
  }
  return width;
}

InputFormat ParseInputFormat(const std::string& text) {
  if (text == "auto") return InputFormat::kAuto;
  if (text == "long") return InputFormat::kLong;
  if (text == "baci") return InputFormat::kBaci;
  if (text == "comtrade") return InputFormat::kComtrade;
  throw Error(fmt::format("unknown input format '{}': expected auto, long, baci or comtrade", text));
}

}  // namespace

void AddInputFlags(CLI::App& command, InputFlags& flags) {
  command.add_option("files", flags.files, "trade files (long CSV, BACI, Comtrade; .gz too; - for stdin)")->required();
  command.add_option("--input-format", flags.format, "input format: auto (from the header), long, baci, comtrade")
      ->check(CLI::IsMember({"auto", "long", "baci", "comtrade"}))
      ->capture_default_str();
  command.add_flag("--lenient", flags.lenient, "skip bad rows and report how many and why, instead of stopping");
  command.add_flag("--sum-duplicates", flags.sum_duplicates, "add up rows with the same key instead of refusing them");
  AddBaciCodesOption(command, flags.baci_codes);
  AddMaxInflatedBytesOption(command, flags.max_inflated_bytes);
}

const CLI::Validator& NotNegative() {
  static const CLI::Validator validator(
      [](std::string& value) {
        return value.find_first_not_of(" \t") != std::string::npos && value[value.find_first_not_of(" \t")] == '-'
                   ? std::string("a size cannot be negative: got ") + value
                   : std::string();
      },
      "SIZE >= 0");
  return validator;
}

void AddMaxInflatedBytesOption(CLI::App& command, std::int64_t& max_inflated_bytes) {
  command
      .add_option("--max-inflated-bytes", max_inflated_bytes,
                  "most bytes a .gz file inflates to, and most bytes read from stdin (64MiB, 2G ...; default: the "
                  "larger of 1 GiB and 64 x the compressed size, 1 GiB for stdin)")
      ->check(NotNegative())
      ->transform(CLI::AsSizeValue(false));
}

void AddAllowOutsideCaseFlag(CLI::App& command, bool& allow_outside_case) {
  command.add_flag("--allow-outside-case", allow_outside_case,
                   "read files a case names (the [models.ge] panel) or links to even when they lie outside the case "
                   "folder (refused by default)");
}

void AddBaciCodesOption(CLI::App& command, std::string& baci_codes) {
  command.add_option("--baci-codes", baci_codes, "BACI country_codes_V*.csv (default: the one beside the data file)");
}

void AddCurrencyOption(CLI::App& command, std::string& currency, const std::string& help) {
  command.add_option("--currency", currency, help)
      ->transform([](std::string code) {
        for (char& ch : code) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        return code;
      })
      ->capture_default_str();
}

TradeTable ReadInput(const InputFlags& flags, const Reference& reference, ReadReport* report) {
  ReadOptions options;
  options.format = ParseInputFormat(flags.format);
  options.lenient = flags.lenient;
  options.duplicates = flags.sum_duplicates ? DuplicatePolicy::kSum : DuplicatePolicy::kError;
  options.baci_country_codes = flags.baci_codes;
  options.max_inflated_bytes = flags.max_inflated_bytes;
  const bool show_progress = isatty(fileno(stderr)) != 0;
  bool progress_shown = false;
  if (show_progress) {
    options.progress = [&progress_shown](std::string_view status) {
      fmt::print(stderr, "\r\033[K{}", status);
      std::fflush(stderr);
      progress_shown = true;
    };
  }
  ReadReport local_report;
  ReadReport& read_report = report != nullptr ? *report : local_report;
  TradeTable table = ReadTradeFiles(flags.files, reference, options, &read_report);
  if (progress_shown) fmt::print(stderr, "\r\033[K");
  if (read_report.rows_skipped > 0) {
    std::vector<std::string> kinds;
    for (const auto& [kind, count] : read_report.skipped_by_kind)
      kinds.push_back(fmt::format("{} {}", count, ToString(kind)));
    Note(fmt::format("skipped {} bad row{} ({})", read_report.rows_skipped, read_report.rows_skipped == 1 ? "" : "s",
                     fmt::join(kinds, ", ")));
    for (const InputError& example : read_report.examples) Note(fmt::format("  e.g. {}", example.Message()));
  }
  return table;
}

std::string Percent(double ratio, int decimals) { return FormatPercent(ratio, decimals); }

TextTable::TextTable(std::vector<std::string> header, std::vector<bool> right_aligned)
    : right_aligned_(std::move(right_aligned)) {
  rows_.push_back(std::move(header));
}

void TextTable::AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

std::string TextTable::Render(std::string_view indent) const {
  std::vector<std::size_t> widths;
  for (const auto& row : rows_) {
    if (widths.size() < row.size()) widths.resize(row.size(), 0);
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], Width(row[i]));
  }
  std::string out;
  for (const auto& row : rows_) {
    std::string line(indent);
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::size_t pad = widths[i] - Width(row[i]);
      const bool right = i < right_aligned_.size() && right_aligned_[i];
      if (i > 0) line += "  ";
      if (right) line.append(pad, ' ');
      line += row[i];
      if (!right && i + 1 < row.size()) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void Emit(const std::string& out, const std::string& content) {
  if (!out.empty()) {
    WriteFileAtomically(out, content);
    return;
  }
  std::fwrite(content.data(), 1, content.size(), stdout);
  std::fflush(stdout);
}

void Note(std::string_view text) { fmt::print(stderr, "{}\n", text); }

}  // namespace tradeshock::cli
