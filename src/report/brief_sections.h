// The brief's sections, each appending its blocks in order, and the blocks and charts they share; BuildDocument
// (brief_build.cc) calls the sections. Internal to src/report/.
#pragma once

#include <string>
#include <vector>

#include "report/brief_model.h"
#include "report/svg.h"

namespace tradeshock::brief {

// What every section reads: the analysis and the words for the flow its partner shares are of.
struct SectionContext {
  const CaseAnalysis& analysis;
  const Reference& reference;
  std::string exporter;  // EconomyName of the exporter
  std::string period;    // the base period
  // The partner shares are of total trade, or of exports when the data give no imports.
  bool of_trade = true;
  std::string flow_short;  // "trade" | "exports"
  std::string flow_long;   // "total trade" | "exports"
  // Whether the data give the flow's total (analysis.partner_total_known); without it the partners' sum is not
  // the exporter's whole flow, and shares of it are "not known", never shown as shares of the whole.
  bool whole = true;
  std::string partners_in_data;  // the partners itemised, named
};
SectionContext MakeContext(const CaseAnalysis& analysis, const Reference& reference);

// The sections, in the order of the brief.
void AddKeyNumbers(const SectionContext& context, std::vector<Block>& blocks);     // brief_sections_data.cc
void AddTradePartners(const SectionContext& context, std::vector<Block>& blocks);  // brief_sections_data.cc
void AddProductMix(const SectionContext& context, std::vector<Block>& blocks);     // brief_sections_data.cc
void AddExposure(const SectionContext& context, std::vector<Block>& blocks);       // brief_sections_data.cc
// "Beyond the direct loss" (brief_sections_beyond.cc).
void AddBeyondSection(const SectionContext& context, const BeyondDirectLoss& beyond, std::vector<Block>& blocks);
void AddNowcast(const SectionContext& context, std::vector<Block>& blocks);                  // brief_sections_end.cc
void AddClaims(const SectionContext& context, std::vector<Block>& blocks);                   // brief_sections_end.cc
void AddRatesNotesAndProvenance(const SectionContext& context, std::vector<Block>& blocks);  // brief_sections_end.cc

// Shared blocks (brief_build.cc).
Block Heading(std::string text, int level = 2);
Block Paragraph(std::string text);
Block List(std::vector<std::string> items);
Block TableBlock(Table table);
// A chart axis of amounts: values divided by the scale of the largest, named "billion USD".
struct MoneyScale {
  double divisor = 1.0;
  std::string unit;
};
MoneyScale ScaleFor(double largest, const std::string& currency);
// The phone-width copy of a chart (charts are drawn at page and at phone width).
svg::BarChart Narrow(svg::BarChart chart);
svg::LineChart Narrow(svg::LineChart chart);
// The partners itemised in the partner shares, named, for sentences.
std::string PartnerNames(const CaseAnalysis& analysis, const Reference& reference);
// A bar chart of shares with its table (top items, the rest as one row, the total).
Block ShareChart(const std::string& id, const std::string& title, const std::string& axis_title,
                 const ShareResult& shares, const std::vector<std::string>& labels, const std::string& item_header,
                 const std::string& total_label);
// A bar chart of the exports at risk by partner or product, with its table.
Block AtRiskChart(const std::string& id, const std::string& title, const std::vector<ExposureItem>& items,
                  const std::vector<std::string>& labels, const ExposureResult& exposure,
                  const std::string& item_header);
// The nowcast's cumulative paths through the year, with its table.
Block NowcastChart(const CaseAnalysis& analysis, const NowcastResult& nowcast, const Reference& reference);
// How far a contradicted claim is off ("" unless contradicted).
std::string ClaimDifference(const ClaimResult& result);

}  // namespace tradeshock::brief
