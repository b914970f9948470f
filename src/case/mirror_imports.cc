// Imports derived from partners' exports ("mirror" flows), for tables that hold exports only, such as BACI
// (include/tradeshock/case.h, AddMirrorImports).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <thread>

#include "case/table_copy.h"
#include "tradeshock/case.h"

namespace tradeshock {

namespace {

// Whether rows with this economy as reporter or partner can be mirrored: the world and groups are sums of
// other economies, and "WLD imports from CHN" is not a flow. Codes the reference does not know (BACI's own
// aggregates such as "S19") are single economies, as the indicators treat them.
std::vector<bool> MirrorableEconomies(const TradeTable& table, const Reference& reference) {
  std::vector<bool> mirrorable(table.economies().size(), true);
  for (std::uint32_t id = 0; id < table.economies().size(); ++id) {
    const std::string& code = table.economies()[id];
    const Economy* economy = reference.FindEconomy(code);
    if (code == kWorld ||
        (economy != nullptr && (economy->kind == EconomyKind::kWorld || economy->kind == EconomyKind::kGroup))) {
      mirrorable[id] = false;
    }
  }
  return mirrorable;
}

template <typename T>
void CopyColumn(std::span<const T> from, T* to) {
  if (!from.empty()) std::memcpy(to, from.data(), from.size() * sizeof(T));
}

void AddEconomy(std::vector<std::string>& codes, const Reference& reference, const std::string& text) {
  if (text.empty() || text == kWorld) return;
  const Economy* economy = reference.FindEconomy(text);
  const std::string code = economy != nullptr ? economy->code : text;
  if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
}

// The economies whose imports the case's analysis reads: the scenario's exporters and imposing partners, the
// nowcast's reporters, the claims' reporters. Empty when the case names none (then every economy's).
std::vector<std::string> CaseEconomies(const Case& c, const Reference& reference) {
  std::vector<std::string> codes;
  if (c.scenario) {
    for (const Policy& policy : c.scenario->policies) {
      AddEconomy(codes, reference, policy.on);
      AddEconomy(codes, reference, policy.imposed_by);
    }
    const NowcastSettings& nowcast = c.scenario->nowcast;
    if (nowcast.target) AddEconomy(codes, reference, nowcast.target->reporter);
    if (nowcast.profile_reporter) AddEconomy(codes, reference, *nowcast.profile_reporter);
  }
  if (c.claims) {
    for (const Claim& claim : c.claims->claims) {
      AddEconomy(codes, reference, claim.reporter);
      if (claim.of && claim.of->reporter) AddEconomy(codes, reference, *claim.of->reporter);
    }
  }
  return codes;
}

bool ExportsOnly(const TradeTable& table) {
  return std::ranges::all_of(table.flow(), [](Flow flow) { return flow == Flow::kExports; });
}

}  // namespace

// Long: the counting sort of the mirror rows and the two-thread column copy work on the same buffers; split, they
// would pass every column through calls.
TradeTable WithMirrorImports(const TradeTable& table, const Reference& reference,
                             const std::vector<std::string>& importers) {
  if (!ExportsOnly(table)) {
    throw Error(
        "imports can be derived from mirror exports only for a table of exports: this one has imports or "
        "total trade rows");
  }
  const std::size_t rows = table.size();
  const std::vector<bool> mirrorable = MirrorableEconomies(table, reference);
  // Which importers get derived imports.
  std::vector<bool> wanted(table.economies().size(), importers.empty());
  for (const std::string& importer : importers) {
    // Every member a group ever had, so that a year of another membership finds its members' imports.
    std::vector<std::string> members = {importer};
    if (const CountryGroup* group = reference.FindGroup(importer)) {
      for (const Membership& membership : group->history) members.push_back(membership.member);
    }
    for (const std::string& member : members) {
      if (const auto id = table.economies().Find(member); id < wanted.size()) wanted[id] = true;
    }
  }
  const auto reporter = table.reporter();
  const auto partner = table.partner();
  const auto mirrored_row = [&](std::size_t row) {
    return wanted[partner[row]] && mirrorable[reporter[row]] && mirrorable[partner[row]];
  };

  // Counting sort of the mirror rows by their reporter (the exports rows' partner), stable, so that each
  // economy's imports are one run of rows and a selection of one reporter skips the rest (ReporterRuns).
  const std::size_t economies = table.economies().size();
  std::vector<std::size_t> start(economies + 1, 0);
  for (std::size_t row = 0; row < rows; ++row) {
    if (mirrored_row(row)) ++start[partner[row] + 1];
  }
  for (std::size_t id = 0; id < economies; ++id) start[id + 1] += start[id];
  const std::size_t mirrored = start[economies];

  TradeTableBuilder builder = case_internal::BuilderLike(table);  // the read rows keep their ids

  const TradeTableBuilder::Columns out = builder.Grow(rows + mirrored);
  // The copy is most of the cost (fresh pages to fault in and fill: 240 MB for 10 million BACI rows), so half
  // the columns (12 of 24 bytes a row) are copied on a second thread while this one copies the rest.
  std::thread keys([&] {
    CopyColumn(reporter, out.reporter);
    CopyColumn(partner, out.partner);
    CopyColumn(table.flow(), out.flow);
    CopyColumn(table.product(), out.product);
    CopyColumn(table.period(), out.period);
    CopyColumn(table.currency(), out.currency);
  });
  CopyColumn(table.value(), out.value);  // memcpy: nothing here throws before the join
  if (table.has_quantity()) CopyColumn(table.quantity(), out.quantity);
  if (table.has_source()) CopyColumn(table.source(), out.source);
  keys.join();

  const auto product = table.product();
  const auto period = table.period();
  const auto currency = table.currency();
  const auto value = table.value();
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  for (std::size_t row = 0; row < rows; ++row) {
    if (!mirrored_row(row)) continue;
    const std::size_t at = rows + next[partner[row]]++;
    out.reporter[at] = partner[row];
    out.partner[at] = reporter[row];
    out.flow[at] = Flow::kImports;
    out.product[at] = product[row];
    out.period[at] = period[row];
    out.currency[at] = currency[row];
    out.value[at] = value[row];
    if (out.quantity != nullptr) out.quantity[at] = table.quantity()[row];
    if (out.source != nullptr) out.source[at] = table.source()[row];
  }
  // The read rows' keys are distinct (the table was built); the mirror rows' keys are those keys with reporter
  // and partner swapped, hence distinct too, and their flow (imports) differs from every read row's (exports).
  builder.DeclareUniqueKeys(0, rows + mirrored);
  return builder.Build();
}

bool AddMirrorImports(Case& c, const Reference& reference, MirrorImports mode) {
  if (mode == MirrorImports::kOff || c.mirror_rows_begin || c.table.size() == 0) return false;
  const bool baci = !c.read.empty() && std::ranges::all_of(c.read, [](const ReadReport::FileReport& file) {
    return file.format == InputFormat::kBaci;
  });
  if (mode == MirrorImports::kAuto && !baci) return false;
  if (!ExportsOnly(c.table)) return false;
  const std::vector<std::string> importers = CaseEconomies(c, reference);
  const std::size_t read_rows = c.table.size();
  c.table = WithMirrorImports(c.table, reference, importers);
  c.mirror_rows_begin = read_rows;
  const std::size_t derived = c.table.size() - read_rows;
  const std::string whose = importers.empty() ? std::string("every economy's imports")
                                              : fmt::format("the imports of {} (the economies the case is about)",
                                                            fmt::join(importers, ", "));
  if (baci) {
    c.notes.push_back(fmt::format(
        "imports derived from mirror flows: BACI records each flow once, as exports of i to j (one reconciled, FOB "
        "value), so j's imports from i are taken as that value; {} rows of {} added to the {} rows read; imports "
        "are therefore valued FOB, not CIF as importers' customs report them",
        derived, whose, read_rows));
  } else {
    c.notes.push_back(fmt::format(
        "imports derived from mirror flows: the data hold exports only, so j's imports from i are taken as i's "
        "reported exports to j; {} rows of {} added to the {} rows read; importers' own figures may differ "
        "(CIF valuation, timing, re-exports), and imports from partners missing from the data are not counted",
        derived, whose, read_rows));
  }
  return true;
}

}  // namespace tradeshock
