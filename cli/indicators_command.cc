// tradeshock indicators: totals, shares, HHI, dependence, growth and RCA of one reporter's flow, as a
// table, CSV or JSON. The flags become DescribeOptions; the library's Describe (tradeshock/describe.h) chooses
// and computes the indicators; this file formats its result.
#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "case_options.h"
#include "case_output.h"
#include "commands.h"
#include "output.h"
#include "stage_timer.h"
#include "tradeshock/describe.h"
#include "tradeshock/error.h"
#include "tradeshock/indicators.h"
#include "tradeshock/result_json.h"

namespace tradeshock::cli {
namespace {

struct IndicatorsFlags {
  InputFlags input;
  std::string reporter;
  std::string flow = "trade";
  std::string period;
  std::string by = "partner";
  std::size_t top = 0;
  std::string currency;
  std::string partner;
  std::string product = kTotalProduct;
  std::string compare;
  std::string format = "table";
  std::string out;
  bool timings = false;
};

ShareBy ParseBy(const std::string& text) {
  if (text == "partner") return ShareBy::kPartner;
  if (text == "product") return ShareBy::kProduct;
  return ShareBy::kPartnerProduct;  // "partner,product" or "product,partner"; CLI11 checked the spelling
}

std::string Shorten(const std::string& text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (++chars > max_chars) return text.substr(0, i) + "...";
  }
  return text;
}

// ---- table ----

struct Scale {
  double divisor = 1.0;
  std::string word;
};

Scale ChooseScale(double total) {
  const tradeshock::Scale column = ColumnScale(total);
  return {column.divisor, std::string(column.word)};
}

std::string ScaledValue(double value, const Scale& scale) {
  return FormatScaled(value, {scale.divisor, scale.word}, scale.divisor == 1.0 ? 2 : 1);
}

std::string ValueWithUnit(double value, const std::string& currency, const Scale& scale) {
  return fmt::format("{} {}{}", ScaledValue(value, scale), scale.word.empty() ? "" : scale.word + " ", currency);
}

std::string GrowthLine(const Growth& growth, const Scale& scale) {
  return fmt::format("{:+.1f}% ({} -> {})", 100.0 * growth.growth,
                     ValueWithUnit(growth.base.value, growth.currency, scale),
                     ValueWithUnit(growth.current.value, growth.currency, scale));
}

std::string ConcentrationLine(const Concentration& hhi, std::string_view noun) {
  if (hhi.coverage > 1.0 + 1e-6) {
    return fmt::format("not meaningful: the {} add up to {} of the total", noun, Percent(hhi.coverage));
  }
  const std::string normalised = NormalisedText(hhi);
  std::string line = fmt::format("{:.4f}{} over {} {}", hhi.hhi, normalised.empty() ? "" : " (" + normalised + ")",
                                 hhi.item_count, hhi.item_count == 1 ? noun.substr(0, noun.size() - 1) : noun);
  if (hhi.lower_bound) {
    line += fmt::format(" covering {} of the total: a lower bound (at most {:.4f} if the rest were one {})",
                        Percent(hhi.coverage), hhi.hhi_upper, noun.substr(0, noun.size() - 1));
  }
  return line;
}

// The shares as a table: the first `top` items (0: all), the other itemised as one row, the rest, the total.
std::string SharesTable(const DescribeResult& report, const Reference& reference, ShareBy by, std::size_t top,
                        const Scale& scale) {
  const ShareResult& shares = report.shares;
  const std::string value_header = fmt::format("{}{}", shares.currency, scale.word.empty() ? "" : " " + scale.word);
  const bool with_rca = !report.item_rca.empty();
  std::vector<std::string> header;
  std::vector<bool> right;
  if (by != ShareBy::kProduct) {
    header.insert(header.end(), {"partner", ""});
    right.insert(right.end(), {false, false});
  }
  if (by != ShareBy::kPartner) {
    header.insert(header.end(), {"product", ""});
    right.insert(right.end(), {false, false});
  }
  header.insert(header.end(), {value_header, "share"});
  right.insert(right.end(), {true, true});
  if (with_rca) {
    header.push_back("RCA");
    right.push_back(true);
  }
  TextTable text_table(header, right);
  const std::size_t shown = top == 0 ? shares.items.size() : std::min(top, shares.items.size());
  const auto label_cells = [&](std::string first, std::string second) {
    std::vector<std::string> cells{std::move(first), std::move(second)};
    if (by == ShareBy::kPartnerProduct) cells.insert(cells.end(), {"", ""});
    return cells;
  };
  for (std::size_t i = 0; i < shown; ++i) {
    const ShareItem& item = shares.items[i];
    std::vector<std::string> cells;
    if (by != ShareBy::kProduct) {
      cells.push_back(item.partner);
      cells.push_back(Shorten(EconomyDisplayName(reference, item.partner), 30));
    }
    if (by != ShareBy::kPartner) {
      cells.push_back(item.product);
      cells.push_back(Shorten(ProductDisplayName(reference, item.product), 40));
    }
    cells.push_back(ScaledValue(item.value, scale));
    cells.push_back(Percent(item.share));
    if (with_rca)
      cells.push_back(i < report.item_rca.size() && report.item_rca[i] ? fmt::format("{:.2f}", *report.item_rca[i])
                                                                       : "");
    text_table.AddRow(std::move(cells));
  }
  const auto add_line = [&](std::vector<std::string> cells, double value, double share) {
    cells.push_back(ScaledValue(value, scale));
    cells.push_back(Percent(share));
    if (with_rca) cells.push_back("");
    text_table.AddRow(std::move(cells));
  };
  if (shown < shares.items.size()) {
    double value = 0.0;
    double share = 0.0;
    for (std::size_t i = shown; i < shares.items.size(); ++i) {
      value += shares.items[i].value;
      share += shares.items[i].share;
    }
    add_line(label_cells("", fmt::format("other itemised ({})", shares.items.size() - shown)), value, share);
  }
  if (shares.rest) add_line(label_cells("", "rest (not itemised)"), shares.rest->value, shares.rest->share);
  add_line(label_cells("", "total"), shares.total.value, 1.0);
  return text_table.Render();
}

// The indicators under the table: concentration, dependence, growth, RCA and the rates used.
std::string IndicatorLines(const DescribeResult& report, const Reference& reference, const Scale& scale) {
  const ShareResult& shares = report.shares;
  std::string out;
  if (report.partner_hhi)
    out += fmt::format("HHI of partners: {}\n", ConcentrationLine(*report.partner_hhi, "partners"));
  if (report.product_hhi)
    out += fmt::format("HHI of products: {}\n", ConcentrationLine(*report.product_hhi, "products"));
  if (report.dependence) {
    out += fmt::format("dependence on {} ({}): {} of {}\n", report.dependence->partner,
                       EconomyDisplayName(reference, report.dependence->partner), Percent(report.dependence->share),
                       ToString(shares.total.selection.flow));
  }
  const std::string compare_text = report.compare_period.ToString();
  const std::string period_text = shares.total.selection.period.ToString();
  if (report.growth) {
    out += fmt::format("growth {} -> {}: {}\n", compare_text, period_text, GrowthLine(*report.growth, scale));
  } else {
    out += fmt::format("growth {} -> {}: not available\n", compare_text, period_text);
  }
  if (report.partner_growth && *report.partner_growth) {
    const Growth& growth = **report.partner_growth;
    out += fmt::format("growth {} -> {} with {}: {}\n", compare_text, period_text, growth.current.selection.partner,
                       GrowthLine(growth, scale));
  }
  if (!report.item_rca.empty()) out += fmt::format("RCA (Balassa): world from {}\n", report.rca_world_from);
  if (report.rca && *report.rca) {
    const Rca& rca = **report.rca;
    out += fmt::format("RCA (Balassa) of {}: {:.3f}, world from {}\n", rca.reporter_product.selection.product, rca.rca,
                       rca.world_from);
  }
  if (!shares.rates.empty()) {
    out += "rates:\n";
    for (const RateUsed& rate : shares.rates) {
      out +=
          fmt::format("  {} {}: {} per USD ({})\n", rate.currency, rate.period.ToString(), rate.per_usd, rate.source);
    }
  }
  return out;
}

std::string RenderTable(const DescribeResult& report, const Reference& reference, ShareBy by, std::size_t top) {
  const ShareResult& shares = report.shares;
  const Scale scale = ChooseScale(shares.total.value);
  std::string out = fmt::format("{}, in {}\n", shares.total.selection.Describe(), shares.currency);
  out += fmt::format("total: {} ({} row{})\n", ValueWithUnit(shares.total.value, shares.currency, scale),
                     shares.total.rows.size(), shares.total.rows.size() == 1 ? "" : "s");
  for (const std::string& line : shares.total.method) out += fmt::format("  {}\n", line);
  out += "\n";
  out += SharesTable(report, reference, by, top, scale);
  out += "\n";
  out += IndicatorLines(report, reference, scale);
  return out;
}

// ---- CSV ----

std::string RenderCsv(const DescribeResult& report, std::size_t top) {
  const ShareResult& shares = report.shares;
  std::string out = "kind,partner,product,value,currency,share\n";
  const auto line = [&](std::string_view kind, const std::string& partner, const std::string& product, double value,
                        const std::string& currency, std::optional<double> share) {
    out += fmt::format("{},{},{},{},{},{}\n", kind, CsvField(partner), CsvField(product), value, currency,
                       share ? fmt::format("{}", *share) : "");
  };
  const Selection& selection = shares.total.selection;
  line("total", selection.partner, selection.product, shares.total.value, shares.currency, 1.0);
  const std::size_t shown = top == 0 ? shares.items.size() : std::min(top, shares.items.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const ShareItem& item = shares.items[i];
    line("item", item.partner.empty() ? selection.partner : item.partner,
         item.product.empty() ? selection.product : item.product, item.value, shares.currency, item.share);
  }
  if (shares.rest) line("rest", "", "", shares.rest->value, shares.currency, shares.rest->share);
  if (report.partner_hhi) {
    line("hhi_partners", "", "", report.partner_hhi->hhi, "", std::nullopt);
    if (report.partner_hhi->normalized)
      line("hhi_partners_normalized", "", "", *report.partner_hhi->normalized, "", std::nullopt);
  }
  if (report.product_hhi) {
    line("hhi_products", "", "", report.product_hhi->hhi, "", std::nullopt);
    if (report.product_hhi->normalized)
      line("hhi_products_normalized", "", "", *report.product_hhi->normalized, "", std::nullopt);
  }
  if (report.dependence) {
    line("dependence", report.dependence->partner, selection.product, report.dependence->value,
         report.dependence->currency, report.dependence->share);
  }
  if (report.growth) line("growth", selection.partner, selection.product, report.growth->growth, "", std::nullopt);
  if (report.partner_growth && *report.partner_growth) {
    const Growth& growth = **report.partner_growth;
    line("growth", growth.current.selection.partner, selection.product, growth.growth, "", std::nullopt);
  }
  if (report.rca && *report.rca)
    line("rca", selection.partner, selection.product, (*report.rca)->rca, "", std::nullopt);
  return out;
}

void Run(const IndicatorsFlags& flags) {
  const Reference& reference = Reference::Default();
  DescribeOptions options = DescribeOptions::Defaults();
  options.selection.reporter = reference.ResolveEconomy(flags.reporter).code;  // fail before reading big files
  options.selection.flow = *ParseFlow(flags.flow);
  options.selection.product = flags.product;
  options.selection.period = ParsePeriodFlag(flags.period, "--period");
  if (!flags.partner.empty()) reference.ResolveEconomy(flags.partner);
  options.partner = flags.partner;
  options.by = ParseBy(flags.by);
  if (!flags.compare.empty()) options.compare = ParsePeriodFlag(flags.compare, "--compare");
  options.indicators.currency = flags.currency;
  const std::size_t top = flags.top != 0 ? flags.top : flags.format == "table" ? 20 : 0;
  options.rca_items = top == 0 ? 20 : top;
  options.Validate();  // before reading big files (Describe validates again, for every front end)
  const ShareBy by = options.by;

  StageTimer timer;
  const TradeTable table = ReadInput(flags.input, reference);
  timer.Lap("read");
  const DescribeResult report = Describe(table, reference, options);
  timer.Lap("analysis");

  std::string content;
  if (flags.format == "json") {
    content = IndicatorsToJson(report, table, reference, top).dump(2) + "\n";
  } else if (flags.format == "csv") {
    content = RenderCsv(report, top);
  } else {
    content = RenderTable(report, reference, by, top);
  }
  Emit(flags.out, content);
  timer.Lap("output");

  if (flags.timings) Note(timer.Summary());
  for (const std::string& note : report.notes) Note(fmt::format("note: {}", note));
  if (flags.format != "json") {
    if (!report.growth) Note(fmt::format("note: growth not available: {}", report.growth.reason()));
    if (report.partner_growth && !*report.partner_growth) {
      Note(fmt::format("note: partner growth not available: {}", report.partner_growth->reason()));
    }
    if (report.rca && !*report.rca) Note(fmt::format("note: RCA not available: {}", report.rca->reason()));
    if (!flags.partner.empty() && !report.dependence) Note(fmt::format("note: {}", report.dependence.reason()));
    if (flags.format == "csv") {
      for (const RateUsed& rate : report.shares.rates) {
        Note(fmt::format("note: rate {} {}: {} per USD ({})", rate.currency, rate.period.ToString(), rate.per_usd,
                         rate.source));
      }
    }
  }
}

}  // namespace

void AddIndicatorsCommand(CLI::App& app) {
  auto flags = std::make_shared<IndicatorsFlags>();
  CLI::App* command = app.add_subcommand(
      "indicators",
      "totals, shares by partner/product, HHI, dependence on one partner, growth and RCA of a reporter's flow");
  AddInputFlags(*command, flags->input);
  command->add_option("--reporter", flags->reporter, "reporting economy: ISO code, region (CN-XJ) or group")
      ->required();
  command->add_option("--flow", flags->flow, "exports, imports or trade (exports + imports)")
      ->check(CLI::IsMember({"exports", "imports", "trade"}))
      ->capture_default_str();
  command->add_option("--period", flags->period, "2020, 2021-03 or 2021-01..2021-05")->required();
  command->add_option("--by", flags->by, "itemise by partner, product, or partner,product")
      ->check(CLI::Validator(
          [](const std::string& value) {
            if (value == "partner" || value == "product" || value == "partner,product" || value == "product,partner") {
              return std::string();
            }
            return fmt::format("{} is not partner, product or partner,product", value);
          },
          "partner|product|partner,product"))
      ->capture_default_str();
  command->add_option("--top", flags->top, "show the N largest items (default: 20 in tables, all in csv/json)")
      ->check(CLI::PositiveNumber);
  command->add_option("--currency", flags->currency, "convert into this currency (ISO 4217) at each period's rate");
  command->add_option("--partner", flags->partner, "partner for dependence and partner growth (default: the largest)");
  command->add_option("--product", flags->product, "TOTAL, an HS code (61, 6109, 610910), a section or a product group")
      ->capture_default_str();
  command->add_option("--compare", flags->compare, "base period of growth (default: the same months a year earlier)");
  command->add_option("--format", flags->format, "table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}))
      ->capture_default_str();
  command->add_option("--out", flags->out, "write the result to this file (atomically) instead of stdout");
  command->add_flag("--timings", flags->timings, "report the wall time of reading, analysing and writing on stderr");
  command->callback([flags] { Run(*flags); });
}

}  // namespace tradeshock::cli
