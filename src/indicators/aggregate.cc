#include "indicators/aggregate.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <memory>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "tradeshock/error.h"

namespace tradeshock::indicators_internal {
namespace {

constexpr std::uint8_t kNoMatch = 0;
constexpr std::uint8_t kExact = 1;
constexpr std::uint8_t kPart = 2;  // the row is one part of a sum that makes up the selected code
constexpr unsigned kComboCount = 32;

std::string UpperAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsHsDigits(std::string_view code) {
  if (code.size() != 2 && code.size() != 4 && code.size() != 6) return false;
  return std::ranges::all_of(code, [](char c) { return c >= '0' && c <= '9'; });
}

std::string CanonicalProduct(const Reference& reference, std::string_view text) {
  const std::string upper = UpperAscii(text);
  if (upper == kTotalProduct) return upper;
  if (IsHsDigits(upper)) return upper;
  if (const HsEntry* entry = reference.FindHs(upper); entry != nullptr && entry->level == 1) return entry->code;
  if (const ProductGroup* group = reference.FindProductGroup(upper)) return group->code;
  throw Error(fmt::format(
      "unknown product '{}': expected TOTAL, an HS code of 2, 4 or 6 digits (61, 6109, 610910), an HS section (XI) "
      "or a product group (CN-MECH-ELEC, ...)",
      Printable(text)));
}

enum class EconomyClass { kSingle, kWorld, kGroup };

EconomyClass Classify(const Reference& reference, std::string_view code) {
  if (code == kWorld) return EconomyClass::kWorld;
  const Economy* economy = reference.FindEconomy(code);
  if (economy == nullptr) return EconomyClass::kSingle;  // readers only store known codes; tests may not
  if (economy->kind == EconomyKind::kWorld) return EconomyClass::kWorld;
  if (economy->kind == EconomyKind::kGroup) return EconomyClass::kGroup;
  return EconomyClass::kSingle;
}

// Per economy id: kExact for the selected code, kPart for the single economies that add up to it (all of
// them for WLD, the members for a group). Keyed: every economy that is an item of its own is kExact.
std::vector<std::uint8_t> MatchEconomies(const Dictionary& economies, const Reference& reference,
                                         const std::string& selected, const Selection& selection, bool keyed) {
  std::vector<std::uint8_t> match(economies.size(), kNoMatch);
  const EconomyClass selected_class = Classify(reference, selected);
  const std::uint8_t part = keyed ? kExact : kPart;
  if (selected_class == EconomyClass::kWorld) {
    for (std::uint32_t id = 0; id < economies.size(); ++id) {
      if (Classify(reference, economies[id]) == EconomyClass::kSingle) match[id] = part;
    }
  } else if (selected_class == EconomyClass::kGroup) {
    for (const std::string& member : selection.MembersOf(reference, selected)) {
      if (const auto id = economies.Find(member); id < economies.size()) match[id] = part;
    }
  }
  if (const auto id = economies.Find(selected); id < economies.size()) {
    match[id] = keyed && selected_class != EconomyClass::kSingle ? kNoMatch : kExact;
  }
  return match;
}

bool ProductUnder(const Reference& reference, const std::string& selected, const std::string& code) {
  if (selected == kTotalProduct) return true;
  // HS digits by prefix without asking the nomenclature, so codes of every HS revision work.
  if (IsHsDigits(selected)) return code.size() > selected.size() && code.starts_with(selected);
  return reference.ProductCovers(selected, code);
}

std::vector<std::uint8_t> MatchProducts(const Dictionary& products, const Reference& reference,
                                        const std::string& selected, bool keyed) {
  std::vector<std::uint8_t> match(products.size(), kNoMatch);
  for (std::uint32_t id = 0; id < products.size(); ++id) {
    const std::string& code = products[id];
    if (code == selected) {
      match[id] = keyed ? kNoMatch : kExact;
    } else if (IsHsDigits(code)) {
      if (ProductUnder(reference, selected, code)) match[id] = keyed ? kExact : kPart;
    } else if (keyed && selected == kTotalProduct && code != kTotalProduct) {
      match[id] = kExact;  // named product groups stored as rows are items of TOTAL too
    }
  }
  return match;
}

std::array<std::uint8_t, 3> MatchFlows(Flow selected) {
  std::array<std::uint8_t, 3> match{kNoMatch, kNoMatch, kNoMatch};
  match[static_cast<int>(selected)] = kExact;
  if (selected == Flow::kTrade) {
    match[static_cast<int>(Flow::kExports)] = kPart;
    match[static_cast<int>(Flow::kImports)] = kPart;
  }
  return match;
}

std::vector<std::uint8_t> MatchPeriods(const std::vector<Period>& periods, const Period& selected) {
  std::vector<std::uint8_t> match(periods.size(), kNoMatch);
  for (std::size_t id = 0; id < periods.size(); ++id) {
    if (periods[id] == selected) {
      match[id] = kExact;
    } else if (selected.kind() != Period::Kind::kMonth && periods[id].kind() == Period::Kind::kMonth &&
               selected.Contains(periods[id])) {
      match[id] = kPart;
    }
  }
  return match;
}

// Ways of adding up, most direct first: fewer expanded dimensions, then months before flows before products
// before partners before reporters.
std::array<unsigned, kComboCount> PreferenceOrder() {
  std::array<unsigned, kComboCount> order{};
  std::iota(order.begin(), order.end(), 0u);
  std::ranges::stable_sort(order, [](unsigned a, unsigned b) {
    return std::popcount(a) != std::popcount(b) ? std::popcount(a) < std::popcount(b) : a < b;
  });
  return order;
}

struct ComboStats {
  std::uint8_t flows = 0;    // bit per Flow seen
  std::vector<bool> months;  // months of the selected period seen
  bool any = false;
};

std::string MonthText(int index) { return Period::Month(index / 12, index % 12 + 1).ToString(); }

// The codes that have a deeper code under them among `codes` ("61" when "6109" is there).
std::unordered_set<std::string_view> CodesWithDetail(const std::vector<std::string_view>& codes) {
  std::unordered_set<std::string_view> with_detail;
  for (const std::string_view code : codes) {
    for (std::size_t length = 2; length < code.size(); length += 2) with_detail.insert(code.substr(0, length));
  }
  return with_detail;
}

// Keeps, within each (reporter, partner, flow, period) cell, only the most detailed rows of each branch of
// the nomenclature: a chapter row counts only when none of its headings or subheadings is there, so a chapter
// and its subheadings are never both counted and a chapter without detail is not lost.
void KeepMostDetailed(const TradeTable& table, const std::vector<std::uint8_t>& code_lengths,
                      std::vector<std::size_t>& rows) {
  const auto code_of = [&](std::size_t row) -> std::string_view { return table.products()[table.product()[row]]; };
  // One HS level only: nothing can be double counted (the common case: BACI is all 6-digit).
  const auto length_of = [&](std::size_t row) { return code_lengths[table.product()[row]]; };
  const std::uint8_t first_level = rows.empty() ? 0 : length_of(rows.front());
  if (std::ranges::all_of(rows, [&](std::size_t row) { return length_of(row) == first_level; })) return;
  const auto cell_of = [&](std::size_t row) {
    return (static_cast<std::uint64_t>(table.reporter()[row]) << 40) |
           (static_cast<std::uint64_t>(table.partner()[row]) << 24) |
           (static_cast<std::uint64_t>(table.flow()[row]) << 16) | table.period()[row];
  };
  std::unordered_map<std::uint64_t, std::vector<std::string_view>> codes_by_cell;
  for (const std::size_t row : rows) codes_by_cell[cell_of(row)].push_back(code_of(row));
  std::unordered_map<std::uint64_t, std::unordered_set<std::string_view>> detailed_by_cell;
  for (const auto& [cell, codes] : codes_by_cell) detailed_by_cell.emplace(cell, CodesWithDetail(codes));
  std::erase_if(rows, [&](std::size_t row) { return detailed_by_cell[cell_of(row)].contains(code_of(row)); });
}

// Numbers the buckets of Aggregate (key = partner << 37 | product << 5 | combo) in order of first use: through an
// array over every possible key when that is small (shares by partner or by product), else a hash map (by
// partner and product: a few hundred thousand cells of which most are empty).
class BucketIndex {
 public:
  BucketIndex(std::size_t partner_count, std::size_t product_count)
      : product_count_(product_count), keys_per_combo_(partner_count * product_count) {
    if (keys_per_combo_ * kComboCount <= kMaxDenseCells) dense_.assign(keys_per_combo_ * kComboCount, kNone);
  }
  std::uint32_t Find(std::uint64_t partner_key, std::uint64_t product_key, unsigned combo, std::uint64_t key) {
    std::uint32_t* slot = nullptr;
    if (!dense_.empty()) {
      // Combo-major: the rows of a selection nearly all share one combo, whose slots are then contiguous.
      slot = &dense_[combo * keys_per_combo_ + partner_key * product_count_ + product_key];
    } else {
      slot = &sparse_.try_emplace(key, kNone).first->second;
    }
    if (*slot == kNone) {
      *slot = static_cast<std::uint32_t>(keys_.size());
      keys_.push_back(key);
    }
    return *slot;
  }
  const std::vector<std::uint64_t>& keys() const { return keys_; }

 private:
  static constexpr std::size_t kMaxDenseCells = std::size_t{1} << 20;
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::size_t product_count_;
  std::size_t keys_per_combo_;
  std::vector<std::uint32_t> dense_;
  std::unordered_map<std::uint64_t, std::uint32_t> sparse_;
  std::vector<std::uint64_t> keys_;  // by bucket number
};

// The rows a selection can be in, in table order: the runs of the matching reporters when the table indexes
// them, else all rows.
std::vector<TradeTable::RowRange> RowsToScan(const TradeTable& table, const std::vector<std::uint8_t>& reporter_match) {
  std::vector<TradeTable::RowRange> ranges;
  for (std::size_t id = 0; id < reporter_match.size(); ++id) {
    if (reporter_match[id] == kNoMatch) continue;
    const auto runs = table.ReporterRuns(static_cast<EconomyIdx>(id));
    if (!runs) return {TradeTable::RowRange{0, table.size()}};
    ranges.insert(ranges.end(), runs->begin(), runs->end());
  }
  std::ranges::sort(ranges, {}, &TradeTable::RowRange::begin);
  return ranges;
}

}  // namespace

Selection Canonicalize(const Reference& reference, const Selection& selection) {
  Selection canonical = selection;
  canonical.reporter = reference.ResolveEconomy(selection.reporter).code;
  canonical.partner = reference.ResolveEconomy(selection.partner).code;
  canonical.product = CanonicalProduct(reference, selection.product);
  return canonical;
}

// Long by design: the hot row scan (two passes, state kept in locals so it stays in registers) and the choice of
// the way of adding up per key share the buckets the scan builds; split, they would pass them all through calls.
AggregateResult Aggregate(const TradeTable& table, const Reference& reference, const Selection& selection,
                          bool by_partner, bool by_product) {
  const auto reporter_match = MatchEconomies(table.economies(), reference, selection.reporter, selection, false);
  const auto partner_match = MatchEconomies(table.economies(), reference, selection.partner, selection, by_partner);
  const auto flow_match = MatchFlows(selection.flow);
  const auto product_match = MatchProducts(table.products(), reference, selection.product, by_product);
  const auto period_match = MatchPeriods(table.periods(), selection.period);

  std::array<ComboStats, kComboCount> stats;
  BucketIndex bucket_index(by_partner ? table.economies().size() : 1, by_product ? table.products().size() : 1);
  // Pass 1: each matching row's bucket, in table order; pass 2 (below) fills buckets sized exactly.
  const std::vector<TradeTable::RowRange> ranges = RowsToScan(table, reporter_match);
  std::size_t rows_to_scan = 0;
  for (const TradeTable::RowRange range : ranges) rows_to_scan += range.end - range.begin;
  // Written by index, not push_back, and the columns held in locals: the compiler then keeps the loop's state in
  // registers instead of reloading it after every store.
  std::unique_ptr<std::size_t[]> matched_rows(new std::size_t[rows_to_scan]);
  std::unique_ptr<std::uint32_t[]> matched_buckets(new std::uint32_t[rows_to_scan]);
  std::size_t matched = 0;
  const std::span<const EconomyIdx> reporters = table.reporter();
  const std::span<const EconomyIdx> partners = table.partner();
  const std::span<const Flow> flows = table.flow();
  const std::span<const ProductIdx> products = table.product();
  const std::span<const PeriodIdx> periods = table.period();
  std::uint64_t last_key = ~std::uint64_t{0};
  std::uint32_t last_bucket = 0;
  std::uint32_t last_signature = ~std::uint32_t{0};
  for (const TradeTable::RowRange range : ranges) {
    for (std::size_t row = range.begin; row < range.end; ++row) {
      const std::uint8_t reporter = reporter_match[reporters[row]];
      if (reporter == kNoMatch) continue;
      const std::uint8_t partner = partner_match[partners[row]];
      if (partner == kNoMatch) continue;
      const std::uint8_t flow = flow_match[static_cast<int>(flows[row])];
      if (flow == kNoMatch) continue;
      const std::uint8_t product = product_match[products[row]];
      if (product == kNoMatch) continue;
      const std::uint8_t period = period_match[periods[row]];
      if (period == kNoMatch) continue;
      const unsigned combo = (reporter == kPart ? kReporterExpanded : 0) | (partner == kPart ? kPartnerExpanded : 0) |
                             (product == kPart ? kProductExpanded : 0) | (flow == kPart ? kFlowExpanded : 0) |
                             (period == kPart ? kPeriodExpanded : 0);
      // The statistics depend on combo, flow and period only, which change rarely from one row to the next.
      const std::uint32_t signature =
          combo | (static_cast<std::uint32_t>(flows[row]) << 5) | (static_cast<std::uint32_t>(periods[row]) << 8);
      if (signature != last_signature) {
        last_signature = signature;
        ComboStats& combo_stats = stats[combo];
        combo_stats.any = true;
        combo_stats.flows |= static_cast<std::uint8_t>(1u << static_cast<int>(flows[row]));
        if (combo & kPeriodExpanded) {
          if (combo_stats.months.empty()) combo_stats.months.assign(selection.period.month_count(), false);
          combo_stats.months[table.periods()[periods[row]].first_month() - selection.period.first_month()] = true;
        }
      }
      const std::uint64_t partner_key = by_partner ? partners[row] : 0;
      const std::uint64_t product_key = by_product ? products[row] : 0;
      const std::uint64_t key = (partner_key << 37) | (product_key << 5) | combo;
      // Rows of one bucket tend to come together (files are sorted by reporter and partner): skip the lookup then.
      if (key != last_key) {
        last_key = key;
        last_bucket = bucket_index.Find(partner_key, product_key, combo, key);
      }
      matched_rows[matched] = row;
      matched_buckets[matched] = last_bucket;
      ++matched;
    }
  }
  std::vector<std::vector<std::size_t>> bucket_rows(bucket_index.keys().size());
  {
    std::vector<std::size_t> counts(bucket_rows.size(), 0);
    for (std::size_t i = 0; i < matched; ++i) ++counts[matched_buckets[i]];
    for (std::size_t bucket = 0; bucket < counts.size(); ++bucket) bucket_rows[bucket].reserve(counts[bucket]);
    for (std::size_t i = 0; i < matched; ++i) bucket_rows[matched_buckets[i]].push_back(matched_rows[i]);
  }

  // Which ways of adding up are acceptable for the selection as a whole.
  AggregateResult result;
  std::array<bool, kComboCount> valid{};
  for (unsigned combo = 0; combo < kComboCount; ++combo) {
    const ComboStats& combo_stats = stats[combo];
    if (!combo_stats.any) continue;
    valid[combo] = true;
    if (combo & kFlowExpanded) {
      const bool exports = combo_stats.flows & (1u << static_cast<int>(Flow::kExports));
      const bool imports = combo_stats.flows & (1u << static_cast<int>(Flow::kImports));
      if (!exports || !imports) {
        valid[combo] = false;
        result.refusals.push_back(
            fmt::format("trade is exports + imports, but there are only {} rows", exports ? "exports" : "imports"));
      }
    }
    if (combo & kPeriodExpanded) {
      std::vector<std::string> missing;
      for (std::size_t i = 0; i < combo_stats.months.size(); ++i) {
        if (!combo_stats.months[i]) missing.push_back(MonthText(selection.period.first_month() + static_cast<int>(i)));
      }
      if (!missing.empty()) {
        valid[combo] = false;
        result.refusals.push_back(fmt::format("{} has no row of its own and months {} are missing",
                                              selection.period.ToString(), fmt::join(missing, ", ")));
      }
    }
  }
  std::ranges::sort(result.refusals);
  result.refusals.erase(std::unique(result.refusals.begin(), result.refusals.end()), result.refusals.end());

  // Per key, the most direct acceptable way; entries in key order (partner, then product).
  static const std::array<unsigned, kComboCount> order = PreferenceOrder();
  std::array<unsigned, kComboCount> rank{};
  for (unsigned i = 0; i < kComboCount; ++i) rank[order[i]] = i;
  std::vector<std::uint32_t> by_key(bucket_rows.size());
  std::iota(by_key.begin(), by_key.end(), 0u);
  const auto& keys = bucket_index.keys();
  std::vector<std::uint8_t> code_lengths;  // per product id, filled when first needed
  std::ranges::sort(by_key, [&](std::uint32_t a, std::uint32_t b) {
    if (keys[a] >> 5 != keys[b] >> 5) return keys[a] >> 5 < keys[b] >> 5;
    return rank[keys[a] & (kComboCount - 1)] < rank[keys[b] & (kComboCount - 1)];
  });
  for (std::size_t i = 0; i < by_key.size();) {
    const std::uint64_t key = keys[by_key[i]] >> 5;
    std::size_t next = i;
    while (next < by_key.size() && keys[by_key[next]] >> 5 == key) ++next;
    for (std::size_t j = i; j < next; ++j) {
      const auto combo = static_cast<unsigned>(keys[by_key[j]] & (kComboCount - 1));
      if (!valid[combo]) continue;
      AggregateEntry entry;
      entry.partner = by_partner ? static_cast<std::uint32_t>(key >> 32) : kNotKeyed;
      entry.product = by_product ? static_cast<std::uint32_t>(key & 0xFFFFFFFFu) : kNotKeyed;
      entry.expanded = combo;
      entry.rows = std::move(bucket_rows[by_key[j]]);
      if (combo & kProductExpanded) {
        if (code_lengths.empty()) {
          code_lengths.reserve(table.products().size());
          for (const std::string& code : table.products().texts()) {
            code_lengths.push_back(static_cast<std::uint8_t>(std::min<std::size_t>(code.size(), 255)));
          }
        }
        KeepMostDetailed(table, code_lengths, entry.rows);  // rows stay in table order
      }
      result.entries.push_back(std::move(entry));
      break;
    }
    i = next;
  }

  // Product items: the most detailed codes of each branch, so a chapter and its headings are not both items.
  if (by_product) {
    std::vector<std::string_view> codes;
    for (const AggregateEntry& entry : result.entries) {
      const std::string& code = table.products()[entry.product];
      if (IsHsDigits(code)) codes.push_back(code);
    }
    const auto with_detail = CodesWithDetail(codes);
    std::erase_if(result.entries, [&](const AggregateEntry& entry) {
      return with_detail.contains(std::string_view(table.products()[entry.product]));
    });
  }
  return result;
}

std::vector<std::string> MethodDimensions(const Selection& selection, unsigned expanded) {
  std::vector<std::string> dimensions;
  if (expanded & kReporterExpanded) dimensions.push_back("reporter " + selection.reporter);
  if (expanded & kPartnerExpanded) dimensions.push_back("partner " + selection.partner);
  if (expanded & kProductExpanded) dimensions.push_back("product " + selection.product);
  if (expanded & kFlowExpanded) dimensions.push_back("trade");
  if (expanded & kPeriodExpanded) dimensions.push_back(selection.period.ToString());
  return dimensions;
}

std::vector<std::string> DescribeMethod(const TradeTable& table, const Reference& reference, const Selection& selection,
                                        const AggregateEntry& entry) {
  // Ids are dense dictionary indices, so a flag per id finds the distinct values without a tree.
  const auto distinct_ids = [&](auto column, std::size_t id_count) {
    std::vector<bool> seen(id_count, false);
    std::vector<std::uint32_t> ids;
    for (const std::size_t row : entry.rows) {
      const auto id = static_cast<std::uint32_t>(column[row]);
      if (!seen[id]) {
        seen[id] = true;
        ids.push_back(id);
      }
    }
    return ids;
  };
  const auto economies_text = [&](const std::string& code, auto column, std::string_view noun) {
    const std::size_t count = distinct_ids(column, table.economies().size()).size();
    if (const CountryGroup* group = reference.FindGroup(code)) {
      return fmt::format("sum over {} of its {} members", count, group->members.size());
    }
    return fmt::format("sum over {} {}{}", count, noun, count == 1 ? "" : "s");
  };
  // In the order of MethodDimensions.
  std::vector<std::string> details;
  if (entry.expanded & kReporterExpanded) {
    details.push_back(economies_text(selection.reporter, table.reporter(), "reporter"));
  }
  if (entry.expanded & kPartnerExpanded)
    details.push_back(economies_text(selection.partner, table.partner(), "partner"));
  if (entry.expanded & kProductExpanded) {
    const std::vector<std::uint32_t> products = distinct_ids(table.product(), table.products().size());
    std::set<std::size_t> levels;
    for (const std::uint32_t product : products) levels.insert(table.products()[product].size());
    details.push_back(fmt::format("sum over {} HS codes at {} digits", products.size(), fmt::join(levels, " and ")));
  }
  if (entry.expanded & kFlowExpanded) details.push_back("exports + imports");
  if (entry.expanded & kPeriodExpanded)
    details.push_back(fmt::format("sum of its {} months", selection.period.month_count()));
  std::vector<std::string> lines = MethodDimensions(selection, entry.expanded);
  for (std::size_t i = 0; i < lines.size(); ++i) lines[i] += ": " + details[i];
  return lines;
}

std::string WhatTheDataHold(const TradeTable& table, const Selection& selection) {
  constexpr std::size_t kNamed = 8;
  const auto named = [&](const std::vector<std::string>& items) {
    std::vector<std::string> shown(items.begin(), items.begin() + std::min(items.size(), kNamed));
    if (items.size() > kNamed) shown.push_back(fmt::format("{} more", items.size() - kNamed));
    return fmt::format("{}", fmt::join(shown, ", "));
  };
  const std::uint32_t reporter = table.economies().Find(selection.reporter);
  if (reporter == table.economies().size()) {
    std::set<std::string> reporters;
    for (const EconomyIdx id : table.reporter()) reporters.insert(table.economies()[id]);
    if (reporters.empty()) return "the data hold no rows";
    return fmt::format("the data hold no rows of {}; their reporters: {}", selection.reporter,
                       named({reporters.begin(), reporters.end()}));
  }
  // The periods of the reporter's rows with the partner and flow asked for, else of all its rows.
  const std::uint32_t partner = table.economies().Find(selection.partner);
  const bool one_flow = selection.flow == Flow::kExports || selection.flow == Flow::kImports;
  std::set<PeriodIdx> close;
  std::set<PeriodIdx> any;
  const auto take = [&](std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; ++row) {
      if (table.reporter()[row] != reporter) continue;
      any.insert(table.period()[row]);
      if (table.partner()[row] == partner && (!one_flow || table.flow()[row] == selection.flow)) {
        close.insert(table.period()[row]);
      }
    }
  };
  if (const auto runs = table.ReporterRuns(static_cast<EconomyIdx>(reporter))) {
    for (const TradeTable::RowRange& run : *runs) take(run.begin, run.end);
  } else {
    take(0, table.size());
  }
  const auto periods = [&](const std::set<PeriodIdx>& ids) {
    std::vector<Period> sorted;
    for (const PeriodIdx id : ids) sorted.push_back(table.periods()[id]);
    std::sort(sorted.begin(), sorted.end(),
              [](const Period& a, const Period& b) { return a.ToString() < b.ToString(); });
    std::vector<std::string> texts;
    for (const Period& period : sorted) texts.push_back(period.ToString());
    return named(texts);
  };
  if (!close.empty()) {
    const std::string_view preposition = selection.flow == Flow::kExports   ? "to"
                                         : selection.flow == Flow::kImports ? "from"
                                                                            : "with";
    return fmt::format("the data hold {} {} {} {} for {}", selection.reporter,
                       one_flow ? std::string(ToString(selection.flow)) : std::string("rows"), preposition,
                       selection.partner, periods(close));
  }
  return fmt::format("the data hold rows of {} for {}", selection.reporter, periods(any));
}

void ThrowNoData(const TradeTable& table, const Selection& selection, const std::vector<std::string>& refusals) {
  // Refusals say why the rows present do not give the value; without any, say what rows there are.
  if (refusals.empty()) {
    throw Error(fmt::format("no data for {}; {}", selection.Describe(), WhatTheDataHold(table, selection)));
  }
  throw Error(fmt::format("no data for {}: {}", selection.Describe(), fmt::join(refusals, "; ")));
}

void CheckOptions(const Reference& reference, const IndicatorOptions& options) {
  options.Validate();
  if (!options.currency.empty() && !reference.IsCurrency(UpperAscii(options.currency))) {
    throw Error(fmt::format("unknown currency '{}': expected an ISO 4217 code (USD, CNY, EUR, ...)",
                            Printable(options.currency)));
  }
}

std::string OutputCurrency(const TradeTable& table, const Reference& reference, const IndicatorOptions& options,
                           const std::vector<std::span<const std::size_t>>& row_sets) {
  CheckOptions(reference, options);
  if (!options.currency.empty()) return UpperAscii(options.currency);
  if (table.currencies().size() == 1) {  // the common case, without touching any row
    const bool any_row = std::ranges::any_of(row_sets, [](const auto rows) { return !rows.empty(); });
    return any_row ? table.currencies()[0] : std::string();
  }
  std::vector<bool> seen(table.currencies().size(), false);
  for (const auto rows : row_sets) {
    for (const std::size_t row : rows) seen[table.currency()[row]] = true;
  }
  std::set<std::string> currencies;
  for (std::size_t id = 0; id < seen.size(); ++id) {
    if (seen[id]) currencies.insert(table.currencies()[static_cast<std::uint32_t>(id)]);
  }
  if (currencies.size() > 1) {
    const std::vector<std::string> sorted(currencies.begin(), currencies.end());
    throw Error(fmt::format("rows are in {} and {}: choose a currency with --currency",
                            fmt::join(sorted.begin(), sorted.end() - 1, ", "), sorted.back()));
  }
  return currencies.empty() ? std::string() : *currencies.begin();
}

Converter::Converter(const TradeTable& table, const Reference& reference, std::string currency)
    : table_(table), reference_(reference), currency_(std::move(currency)) {}

const Converter::Factor& Converter::FactorFor(CurrencyIdx currency, PeriodIdx period) {
  const std::uint32_t key = (static_cast<std::uint32_t>(currency) << 16) | period;
  if (const auto found = factors_.find(key); found != factors_.end()) return found->second;
  Factor factor;
  const std::string& from = table_.currencies()[currency];
  if (from != currency_) {
    const Period& when = table_.periods()[period];
    const FxRate from_rate = reference_.PerUsd(from, when);
    const FxRate to_rate = reference_.PerUsd(currency_, when);
    // value in USD = value / per_usd(from); value in target = value in USD * per_usd(target)
    factor.factor = to_rate.per_usd / from_rate.per_usd;
    if (from != "USD")
      factor.rates.push_back({from_rate.currency, from_rate.period, from_rate.per_usd, from_rate.source});
    if (currency_ != "USD") factor.rates.push_back({to_rate.currency, to_rate.period, to_rate.per_usd, to_rate.source});
  }
  return factors_.emplace(key, std::move(factor)).first->second;
}

// A sum (or a conversion) past the largest double is an error naming the rows: the three largest, by key
// and value, and how many there are.
[[noreturn]] static void ThrowOverflow(const TradeTable& table, std::span<const std::size_t> rows,
                                       const std::string& currency) {
  std::vector<std::size_t> largest(rows.begin(), rows.end());
  const std::size_t shown = std::min<std::size_t>(3, largest.size());
  std::partial_sort(largest.begin(), largest.begin() + static_cast<std::ptrdiff_t>(shown), largest.end(),
                    [&](std::size_t a, std::size_t b) { return table.value()[a] > table.value()[b]; });
  std::vector<std::string> named;
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t row = largest[i];
    named.push_back(fmt::format("{} {} {} {} {} = {:g} {}", table.economies()[table.reporter()[row]],
                                table.economies()[table.partner()[row]], ToString(table.flow()[row]),
                                table.products()[table.product()[row]], table.periods()[table.period()[row]].ToString(),
                                table.value()[row], table.currencies()[table.currency()[row]]));
  }
  throw Error(
      fmt::format("the sum of {} row{} in {} overflows: more than 1.8e308, the largest double (largest rows: {})",
                  rows.size(), rows.size() == 1 ? "" : "s", currency, fmt::join(named, "; ")));
}

double Converter::Sum(std::span<const std::size_t> rows, std::vector<RateUsed>* rates) {
  double sum = 0.0;
  if (table_.currencies().size() == 1 && table_.currencies()[0] == currency_) {
    // Every row is in the target currency already: no rate, no lookup per row.
    for (const std::size_t row : rows) sum += table_.value()[row];
    if (!std::isfinite(sum)) ThrowOverflow(table_, rows, currency_);
    return sum;
  }
  const Factor* factor = nullptr;
  std::uint32_t factor_key = 0;
  for (const std::size_t row : rows) {
    const CurrencyIdx currency = table_.currency()[row];
    const PeriodIdx period = table_.period()[row];
    const std::uint32_t key = (static_cast<std::uint32_t>(currency) << 16) | period;
    if (factor == nullptr || key != factor_key) {  // runs of rows share one currency and period
      factor = &FactorFor(currency, period);
      factor_key = key;
      if (rates != nullptr) MergeRates(*rates, factor->rates);
    }
    sum += table_.value()[row] * factor->factor;
  }
  if (!std::isfinite(sum)) ThrowOverflow(table_, rows, currency_);
  return sum;
}

}  // namespace tradeshock::indicators_internal
