// The steps of AnalyseCase (analysis_steps.h), in the order it runs them.
#include "case/analysis_steps.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <limits>

namespace tradeshock::case_internal {
namespace {

bool HasValue(const TradeTable& table, const Reference& reference, const Selection& selection,
              const IndicatorOptions& options) {
  return TryComputeValue(table, reference, selection, options).has_value();
}

IndicatorOptions IndicatorOptionsOf(const CaseAnalysis& analysis) {
  return IndicatorOptions{.currency = analysis.currency};
}

// "CN-XJ's total trade" / "CN-XJ's exports to USA" / "CN-XJ's exports of CN-CLOTHING to WLD".
std::string FlowWords(const Selection& selection) {
  std::string text = selection.reporter + "'s ";
  if (selection.flow == Flow::kTrade && selection.partner == kWorld) {
    text += "total trade";
  } else if (selection.flow == Flow::kExports && selection.partner == kWorld) {
    text += "total exports";
  } else if (selection.flow == Flow::kImports && selection.partner == kWorld) {
    text += "total imports";
  } else {
    text += fmt::format("{} {} {}", ToString(selection.flow),
                        selection.flow == Flow::kImports ? "from"
                        : selection.flow == Flow::kTrade ? "with"
                                                         : "to",
                        selection.partner);
  }
  if (selection.product != kTotalProduct) text += fmt::format(" ({})", selection.product);
  return text;
}

struct BasePeriod {
  Period period;
  Flow flow = Flow::kTrade;  // the exporter's flow with data in it: total trade, else exports
};

// The last calendar year before the first policy's start with the exporter's total trade in the data; when
// the data hold no year of its total trade (a table of exports only, such as BACI read without mirror
// imports), the last such year with its exports, the flow the policies stop.
BasePeriod DefaultBasePeriod(const Case& c, const Reference& reference, const std::string& exporter,
                             const IndicatorOptions& options) {
  // The earliest day any policy may start (a range's earliest date).
  Date first = c.scenario->policies.front().MostSevere().from;
  for (const Policy& policy : c.scenario->policies) first = std::min(first, policy.MostSevere().from);
  int earliest = std::numeric_limits<int>::max();
  for (const Period& period : c.table.periods()) earliest = std::min(earliest, period.first_year());
  // Why the latest year with rows could not be valued when that is not a want of data (a missing FX rate):
  // the error says so instead of asking for a base period that would fail the same way.
  std::string fault;
  for (const Flow flow : {Flow::kTrade, Flow::kExports}) {
    for (int year = first.year - 1; year >= earliest; --year) {
      const Selection total{exporter, kWorld, flow, kTotalProduct, Period::Year(year)};
      const Maybe<ValueResult> value = TryComputeValue(c.table, reference, total, options);
      if (value) return {Period::Year(year), flow};
      if (fault.empty() && !value.reason().starts_with("no data")) fault = value.reason();
    }
  }
  if (!fault.empty()) throw Error(fault);
  // Data that give the exporter's flows only to the imposing group (the EU as a whole): the last year of
  // the policies' own flows.
  for (int year = first.year - 1; year >= earliest; --year) {
    for (const Policy& policy : c.scenario->policies) {
      for (const std::string& product : policy.products) {
        const Selection covered{exporter, policy.imposed_by, Flow::kExports, product, Period::Year(year)};
        if (HasValue(c.table, reference, covered, options)) return {Period::Year(year), Flow::kExports};
      }
    }
  }
  throw Error(
      fmt::format("no year before {} (the first policy's start) with {}'s total trade or exports in the "
                  "data; give the base period",
                  first.ToString(), exporter));
}

// The product values without shares, for data that itemise products but give no total of the exporter's
// exports: shares left at 0 and the total emptied, with a note naming the products.
ShareResult ValuesOnly(ShareResult products, const CaseAnalysis& analysis, std::vector<std::string>& notes) {
  std::vector<std::string> items;
  for (ShareItem& item : products.items) {
    item.share = 0.0;
    if (items.size() < 10) items.push_back(item.product);
  }
  if (products.items.size() > items.size()) {
    items.push_back(fmt::format("{} more products", products.items.size() - items.size()));
  }
  products.rest.reset();
  products.coverage = 0.0;
  products.total.value = 0.0;
  products.total.rows.clear();
  const std::string partner = products.total.selection.partner;
  const std::string to = partner == kWorld ? std::string() : " to " + partner;
  products.total.method = {fmt::format("no total: the data give no total of the exporter's exports{}", to)};
  AddNote(notes, fmt::format("product composition: the data give {}'s exports{} of {} in {} but no total of its "
                             "exports{}, so their shares are not computed (values only)",
                             analysis.exporter, to, fmt::join(items, ", "), analysis.base_period.ToString(), to));
  return products;
}

}  // namespace

void AddNote(std::vector<std::string>& notes, std::string note) {
  if (std::find(notes.begin(), notes.end(), note) == notes.end()) notes.push_back(std::move(note));
}

CaseAnalysis StartAnalysis(const Case& c, const CaseAnalysisOptions& options) {
  const Scenario& scenario = *c.scenario;
  CaseAnalysis analysis;
  analysis.title = scenario.title.empty() ? c.files.dir.filename().string() : scenario.title;
  analysis.description = scenario.description;
  analysis.caveats = scenario.caveats;
  if (c.claims) analysis.source = c.claims->source;
  const std::filesystem::path parent = c.files.dir.parent_path();
  for (const auto& path : c.files.data) {
    std::error_code error;
    const std::filesystem::path relative = parent.empty() ? path : std::filesystem::relative(path, parent, error);
    analysis.input_files.push_back(error || relative.empty() ? path.string() : relative.generic_string());
  }
  analysis.exporter = scenario.policies.front().on;
  analysis.currency = options.currency;
  for (const std::string& note : c.notes) AddNote(analysis.notes, note);
  return analysis;
}

void ChooseBasePeriod(const Case& c, const Reference& reference, const CaseAnalysisOptions& options,
                      CaseAnalysis& analysis) {
  const IndicatorOptions indicator_options = IndicatorOptionsOf(analysis);
  std::vector<std::string>& notes = analysis.notes;
  if (options.base_period) {
    analysis.base_period = *options.base_period;
    const bool has_trade = HasValue(
        c.table, reference, Selection{analysis.exporter, kWorld, Flow::kTrade, kTotalProduct, analysis.base_period},
        indicator_options);
    analysis.partner_flow = has_trade ? Flow::kTrade : Flow::kExports;
  } else {
    const BasePeriod base = DefaultBasePeriod(c, reference, analysis.exporter, indicator_options);
    analysis.base_period = base.period;
    analysis.partner_flow = base.flow;
    notes.push_back(
        fmt::format("base period {}: the last calendar year before the first policy's start with {}'s "
                    "{} in the data",
                    base.period.ToString(), analysis.exporter, base.flow == Flow::kTrade ? "total trade" : "exports"));
  }
  if (analysis.partner_flow == Flow::kExports) {
    notes.push_back(fmt::format(
        "{0}'s total trade in {1} is not in the data (it needs {0}'s imports, and the data give its exports only), "
        "so the partner shares, their concentration and the largest partner are of {0}'s exports, the flow the "
        "policies stop, and no share of total trade is given",
        analysis.exporter, analysis.base_period.ToString()));
  }
}

// The exporter's flow to each group a policy names, as the items of shares whose total is their sum.
ShareResult SharesOfImposingGroups(const Case& c, const Reference& reference, const CaseAnalysis& analysis,
                                   const Selection& flow) {
  ShareResult shares;
  shares.total.selection = flow;
  shares.total.method = {"partner sum over the groups the policies name"};
  std::vector<std::string> groups;
  for (const Policy& policy : c.scenario->policies) {
    const bool seen = std::find(groups.begin(), groups.end(), policy.imposed_by) != groups.end();
    if (!seen && reference.FindGroup(policy.imposed_by) != nullptr) groups.push_back(policy.imposed_by);
  }
  for (const std::string& group : groups) {
    Selection to_group = flow;
    to_group.partner = group;
    Maybe<ValueResult> value = TryComputeValue(c.table, reference, to_group, IndicatorOptionsOf(analysis));
    if (!value) continue;
    ShareItem item;
    item.partner = group;
    item.value = value->value;
    item.rows = value->rows;
    shares.currency = value->currency;
    shares.total.currency = value->currency;
    shares.total.value += value->value;
    shares.total.rows.insert(shares.total.rows.end(), value->rows.begin(), value->rows.end());
    MergeRates(shares.rates, value->rates);
    shares.items.push_back(std::move(item));
  }
  for (ShareItem& item : shares.items) item.share = shares.total.value > 0.0 ? item.value / shares.total.value : 0.0;
  std::stable_sort(shares.items.begin(), shares.items.end(),
                   [](const ShareItem& a, const ShareItem& b) { return a.value > b.value; });
  shares.itemised = shares.total.value;
  shares.coverage = shares.items.empty() ? 0.0 : 1.0;
  return shares;
}

void AddPartnerShares(const Case& c, const Reference& reference, CaseAnalysis& analysis) {
  Selection trade{analysis.exporter, kWorld, analysis.partner_flow, kTotalProduct, analysis.base_period};
  Maybe<ShareResult> shares =
      TryComputeShares(c.table, reference, trade, ShareBy::kPartner, IndicatorOptionsOf(analysis));
  if (!shares) {
    // The data may give the exporter's flows only to a group (Eurostat's and the Commission's figures are of
    // the EU as a whole), which is no partner in the world's total: the partners are then the groups the
    // policies name, their sum is no total (partner_total_known is false), as when the data give only the
    // covered partners.
    analysis.partner_shares = SharesOfImposingGroups(c, reference, analysis, trade);
    if (analysis.partner_shares.items.empty()) throw Error(shares.reason());
    AddNote(analysis.notes,
            fmt::format("the data give {}'s {} in {} only to {} (not to single partners), so the partner shares are "
                        "of that sum, not of its whole {}",
                        analysis.exporter, ToString(analysis.partner_flow), analysis.base_period.ToString(),
                        analysis.partner_shares.items.size() == 1 ? analysis.partner_shares.items.front().partner
                                                                  : std::string("the groups the policies name"),
                        ToString(analysis.partner_flow)));
  } else {
    analysis.partner_shares = *std::move(shares).ToOptional();
  }
  if (analysis.partner_shares.items.empty() && analysis.partner_flow == Flow::kTrade) {
    // Total trade known (exports and imports to the world) but by partner only the exports: the partners of
    // the flow the policies stop.
    trade.flow = Flow::kExports;
    ShareResult exports = ComputeShares(c.table, reference, trade, ShareBy::kPartner, IndicatorOptionsOf(analysis));
    if (!exports.items.empty()) {
      analysis.partner_flow = Flow::kExports;
      analysis.partner_shares = std::move(exports);
      AddNote(analysis.notes,
              fmt::format("the data give {0}'s total trade in {1} but its partners only for exports, so "
                          "the partner shares, their concentration and the largest partner are of "
                          "{0}'s exports, the flow the policies stop",
                          analysis.exporter, analysis.base_period.ToString()));
    }
  }
  if (analysis.partner_shares.items.empty()) {
    throw Error(fmt::format("no partner of {} in the data: the partner shares need partner rows", trade.Describe()));
  }
  analysis.partner_concentration = ComputeConcentration(analysis.partner_shares);
  analysis.largest_partner = ComputeDependence(analysis.partner_shares);
  for (const std::string& note : analysis.partner_shares.notes) AddNote(analysis.notes, "partner shares: " + note);
  MergeRates(analysis.rates, analysis.partner_shares.total.rates);
  MergeRates(analysis.rates, analysis.partner_shares.rates);
  if (analysis.partner_shares.coverage > 1.0 + 1e-6) {
    AddNote(analysis.notes,
            fmt::format("the partners of {} add up to {:.1f}% of the total: the shares are not consistent",
                        trade.Describe(), 100.0 * analysis.partner_shares.coverage));
  }
}

Itemisation ItemisationOf(const Case& c) {
  const bool baci = !c.read.empty() && std::all_of(c.read.begin(), c.read.end(), [](const ReadReport::FileReport& f) {
    return f.format == InputFormat::kBaci;
  });
  return baci ? Itemisation::kComplete : Itemisation::kPartial;
}

void AddExposure(const Case& c, const Reference& reference, CaseAnalysis& analysis) {
  analysis.exposure = ComputeExposure(c.table, reference, *c.scenario, analysis.base_period,
                                      IndicatorOptionsOf(analysis), ItemisationOf(c));
  MergeRates(analysis.rates, analysis.exposure.rates);
  if (analysis.partner_flow == Flow::kExports) {
    // Without the exporter's imports, ChooseBasePeriod's note already says that its total trade is not known.
    std::erase_if(analysis.exposure.notes, [&](const std::string& note) {
      return note.starts_with("total not known: no data for " + analysis.exporter + " trade") ||
             note.starts_with("partner concentration of trade: no data");
    });
  }
  for (const std::string& note : analysis.exposure.notes) AddNote(analysis.notes, note);
  // The partner shares' total, when it is a sum of partner rows, is a total only if the exposure took it as one.
  const bool summed =
      std::any_of(analysis.partner_shares.total.method.begin(), analysis.partner_shares.total.method.end(),
                  [](const std::string& m) { return m.starts_with("partner ") || m.starts_with("product "); });
  const auto& flow_total =
      analysis.partner_flow == Flow::kExports ? analysis.exposure.exports_total : analysis.exposure.trade_total;
  if (summed && !flow_total) {
    analysis.partner_total_known = false;
    AddNote(analysis.notes,
            fmt::format("partner shares: the data give no total of {}'s {}, only the partners in them, "
                        "so the shares are of the sum of those partners, not of its whole {}",
                        analysis.exporter, ToString(analysis.partner_flow), ToString(analysis.partner_flow)));
  }
  // A partner concentration of a flow whose total is only a sum of the partners the policies cover (the seed
  // case gives exports to the US alone) would show one partner at 100%: dropped, with a note.
  std::erase_if(analysis.exposure.concentration, [&](const ConcentrationChange& change) {
    const bool unknown_total = (change.flow == Flow::kExports && !analysis.exposure.exports_total) ||
                               (change.flow == Flow::kTrade && !analysis.exposure.trade_total);
    if (unknown_total) {
      AddNote(analysis.notes, fmt::format("partner concentration of {}'s {} not computed: the data give no total of "
                                          "that flow, only the partners the policies cover",
                                          analysis.exporter, ToString(change.flow)));
    }
    return unknown_total;
  });
}

namespace {

// The partners of the rows behind a share table's items, in order of first appearance.
std::vector<std::string> ItemPartners(const TradeTable& table, const ShareResult& shares) {
  std::vector<std::string> partners;
  for (const ShareItem& item : shares.items) {
    for (const std::size_t row : item.rows) {
      const std::string& partner = table.economies()[table.partner()[row]];
      if (std::find(partners.begin(), partners.end(), partner) == partners.end()) partners.push_back(partner);
    }
  }
  return partners;
}

}  // namespace

// Runs after AddExposure, which decides whether the data hold a real total of the exporter's exports.
// ComputeValue would build a WLD total from whatever partner rows exist (in the seed case: the exports to
// the US alone), and shares of that are meaningless; only a total that ComputeExposure accepted is used as
// the denominator. When the data give products only for the exports to one partner (RUS -> USA) and not to
// the world, the composition is of the exports to that partner, shares of its own total, and says so:
// products summed from one partner's rows are not the exporter's whole export mix.
void AddProductComposition(const Case& c, const Reference& reference, CaseAnalysis& analysis) {
  const Selection exports{analysis.exporter, kWorld, Flow::kExports, kTotalProduct, analysis.base_period};
  const IndicatorOptions options = IndicatorOptionsOf(analysis);
  try {
    ShareResult products = ComputeShares(c.table, reference, exports, ShareBy::kProduct, options);
    if (products.items.empty()) return;
    const std::vector<std::string> partners = ItemPartners(c.table, products);
    const bool world_rows = std::find(partners.begin(), partners.end(), kWorld) != partners.end();
    bool total_known = analysis.exposure.exports_total.has_value();
    if (!world_rows && ItemisationOf(c) == Itemisation::kPartial) {
      analysis.product_partners = partners;
      AddNote(analysis.notes, fmt::format("product composition: the data give {}'s exports by product only to {}, not "
                                          "to the world, so it is of those exports, not of {}'s whole export mix",
                                          analysis.exporter, fmt::join(partners, ", "), analysis.exporter));
      total_known = false;
      if (partners.size() == 1) {
        Selection to_partner = exports;
        to_partner.partner = partners.front();
        products = ComputeShares(c.table, reference, to_partner, ShareBy::kProduct, options);
        // A real total of the exports to that partner: a row, not a sum of the product rows present.
        total_known = std::none_of(products.total.method.begin(), products.total.method.end(),
                                   [](const std::string& m) { return m.starts_with("product "); });
      }
    }
    MergeRates(analysis.rates, products.rates);
    if (total_known && products.coverage <= 1.0 + 1e-6) {
      MergeRates(analysis.rates, products.total.rates);
      for (const std::string& note : products.notes) AddNote(analysis.notes, "product shares: " + note);
      analysis.product_shares = std::move(products);
    } else {
      analysis.product_values = ValuesOnly(std::move(products), analysis, analysis.notes);
    }
  } catch (const Error& error) {
    AddNote(analysis.notes, fmt::format("product composition not available: {}", error.what()));
  }
}

NowcastTable MakeNowcastTable(const Case& c, const Reference& reference) {
  NowcastTable table;
  if (!c.scenario || !c.scenario->nowcast.target || !c.scenario->nowcast.profile_from_claims || !c.claims) {
    return table;
  }
  table.implied = NotInTable(c.table, ImpliedHistory(*c.claims, *c.scenario->nowcast.target, reference));
  if (!table.implied.empty()) table.with_implied = WithImpliedRows(c.table, table.implied);
  return table;
}

void AddNowcast(const Case& c, const Reference& reference, CaseAnalysis& analysis) {
  const Scenario& scenario = *c.scenario;
  if (!scenario.nowcast.target) return;
  try {
    const NowcastTable nowcast_table = MakeNowcastTable(c, reference);
    const TradeTable& table = nowcast_table.Of(c);
    NowcastRequests requests =
        ChooseNowcastRequests(table, reference, scenario, *scenario.nowcast.target, IndicatorOptionsOf(analysis));
    analysis.nowcast = Nowcast(table, reference, requests.main);
    if (!analysis.nowcast->stand_in && !nowcast_table.implied.empty()) {
      // The own history it leans on is the article's arithmetic: say so first.
      std::vector<std::string> implied;
      for (const ImpliedValue& value : nowcast_table.implied) implied.push_back(value.explanation);
      analysis.nowcast->assumptions.insert(analysis.nowcast->assumptions.begin(), implied.begin(), implied.end());
      analysis.nowcast_implied = nowcast_table.implied;
    }
    MergeRates(analysis.rates, analysis.nowcast->rates);
    if (analysis.nowcast->stand_in) {
      AddNote(analysis.notes, fmt::format("nowcast: the data give no monthly history of {}; the profile of {} stands "
                                          "in for that flow",
                                          FlowWords(analysis.nowcast->target), FlowWords(analysis.nowcast->profile)));
    }
    if (requests.stand_in) {
      analysis.nowcast_stand_in = Nowcast(table, reference, *requests.stand_in);
      MergeRates(analysis.rates, analysis.nowcast_stand_in->rates);
      AddNote(analysis.notes,
              fmt::format("nowcast: {} earlier years of {} itself, so its own profile is used; the scenario's "
                          "stand-in, the profile of {}, is shown beside it",
                          analysis.nowcast_implied.empty() ? "the data give" : "the article's claims imply",
                          FlowWords(analysis.nowcast->target), FlowWords(analysis.nowcast_stand_in->profile)));
    }
  } catch (const Error& error) {
    AddNote(analysis.notes, fmt::format("nowcast not available: {}", error.what()));
  }
}

}  // namespace tradeshock::case_internal
