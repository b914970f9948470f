// tradeshock inspect FILE...: what a set of trade files holds (format, rows, reporters, partners,
// periods, currencies, flows) and how much memory the table takes per row.
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "output.h"
#include "tradeshock/reference.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

struct InspectFlags {
  InputFlags input;
  std::string format = "table";
  std::string out;
};

std::string Listing(const std::vector<std::string>& codes, std::size_t max_shown = 12) {
  if (codes.size() <= max_shown) return fmt::format("{} ({})", codes.size(), fmt::join(codes, " "));
  return fmt::format("{} ({} ...)", codes.size(),
                     fmt::join(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(max_shown), " "));
}

void Run(const InspectFlags& flags) {
  const Reference& reference = Reference::Default();
  ReadReport read_report;
  const TradeTable table = ReadInput(flags.input, reference, &read_report);

  const TableContents contents = ListContents(table);
  std::vector<std::string> period_texts;
  for (const Period& period : contents.periods) period_texts.push_back(period.ToString());
  const double bytes_per_row =
      table.size() == 0 ? 0.0 : static_cast<double>(table.ColumnBytes()) / static_cast<double>(table.size());

  std::string content;
  if (flags.format == "json") {
    content = ToJson(table, read_report).dump(2) + "\n";
  } else {
    TextTable files({"file", "format", "rows"}, {false, false, true});
    for (const auto& file : read_report.files) {
      files.AddRow({file.name, std::string(ToString(file.format)), WithSeparators(static_cast<double>(file.rows), 0)});
    }
    content = files.Render("");
    content += "\n";
    TextTable summary({"", ""}, {false, false});
    summary.AddRow({"rows", WithSeparators(static_cast<double>(table.size()), 0)});
    if (read_report.rows_skipped > 0) {
      summary.AddRow({"rows skipped", WithSeparators(static_cast<double>(read_report.rows_skipped), 0)});
    }
    summary.AddRow({"reporters", Listing(contents.reporters)});
    summary.AddRow({"partners", Listing(contents.partners)});
    summary.AddRow({"products", Listing(contents.products)});
    summary.AddRow({"periods", Listing(period_texts)});
    summary.AddRow({"currencies", Listing(contents.currencies)});
    summary.AddRow({"flows", Listing(contents.flows)});
    summary.AddRow({"memory", fmt::format("{} bytes in columns, {:.1f} bytes per row",
                                          WithSeparators(static_cast<double>(table.ColumnBytes()), 0), bytes_per_row)});
    // The header row of this two-column table is empty; drop it.
    const std::string rendered = summary.Render("");
    content += rendered.substr(rendered.find('\n') + 1);
  }
  Emit(flags.out, content);
}

}  // namespace

void AddInspectCommand(CLI::App& app) {
  auto flags = std::make_shared<InspectFlags>();
  CLI::App* command = app.add_subcommand(
      "inspect", "what trade files hold: format, rows, reporters, partners, periods, currencies, flows, memory");
  AddInputFlags(*command, flags->input);
  command->add_option("--format", flags->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
