// The brief as a list of blocks (headings, paragraphs, lists, tables, charts) built once from a
// CaseAnalysis and rendered as Markdown or HTML, so both forms always say the same. Internal.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tradeshock/case_analysis.h"
#include "tradeshock/number_format.h"
#include "tradeshock/reference.h"

namespace tradeshock::brief {

struct Table {
  std::vector<std::string> header;
  std::vector<bool> numeric;  // per column: right-aligned numbers
  std::vector<std::vector<std::string>> rows;
};

struct KeyNumber {
  std::string label;
  std::string value;
  std::string detail;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kList, kTable, kChart, kKeyNumbers };
  Kind kind = Kind::kParagraph;
  int level = 2;                   // headings
  std::string text;                // heading and paragraph text; chart title
  std::vector<std::string> items;  // lists
  Table table;                     // tables; a chart's data (Markdown shows the table in place of the chart)
  std::string svg;                 // charts, drawn for a page about 700 px wide
  std::string svg_narrow;          // the same chart drawn for a phone (about 360 px)
  std::string note;                // charts: a note under the chart (coverage)
  std::vector<KeyNumber> key_numbers;
};

struct Document {
  std::string title;
  std::string subtitle;
  std::string lead;  // the answer in words, first after the title (BuildLead)
  std::vector<Block> blocks;
};

Document BuildDocument(const CaseAnalysis& analysis, const Reference& reference);

std::string RenderMarkdown(const Document& document);
std::string RenderHtml(const Document& document);

// Names shared by the renderers and the summary (numbers: FormatMoney, FormatPercent in number_format.h).
// "Xinjiang Uygur Zizhiqu (CN-XJ)", or the code when unknown.
std::string EconomyLabel(const Reference& reference, const std::string& code);
std::string ProductLabel(const Reference& reference, const std::string& code);
// "Xinjiang Uygur Zizhiqu", or the code when unknown.
std::string EconomyName(const Reference& reference, const std::string& code);
// "exports", "imports", "total trade".
std::string FlowWord(Flow flow);
// Value and share of `partner` (or its members) in the analysis's partner shares; nullopt when none of them
// is itemised.
std::optional<std::pair<double, double>> PartnerShare(const CaseAnalysis& analysis, const Reference& reference,
                                                      const std::string& partner);

// The lead paragraph (BriefLead, report.h): what is at stake, what the year may look like, which claims fail.
std::string BuildLead(const CaseAnalysis& analysis, const Reference& reference);

}  // namespace tradeshock::brief
