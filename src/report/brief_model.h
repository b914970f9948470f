// The brief as a list of blocks (headings, paragraphs, lists, tables, charts) built once from a
// CaseAnalysis and rendered as Markdown or HTML, so both forms always say the same. Internal.
#pragma once

#include <string>
#include <vector>

#include "tradeshock/case.h"
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
  int level = 2;              // headings
  std::string text;           // heading and paragraph text; chart title
  std::vector<std::string> items;  // lists
  Table table;                // tables; a chart's data (Markdown shows the table in place of the chart)
  std::string svg;            // charts
  std::string note;           // charts: a note under the chart (coverage)
  std::vector<KeyNumber> key_numbers;
};

struct Document {
  std::string title;
  std::string subtitle;
  std::vector<Block> blocks;
};

Document BuildDocument(const CaseAnalysis& analysis, const Reference& reference);

std::string RenderMarkdown(const Document& document);
std::string RenderHtml(const Document& document);

// Formatting shared by the renderers and the summary.
// 21.387e9, "USD" -> "21.39 billion USD"; 6.558e8 -> "655.8 million USD".
std::string Money(double value, const std::string& currency);
// 0.0452 -> "4.5%" (decimals digits).
std::string Percent(double ratio, int decimals = 1);
// +0.123 -> "+12.3%", -0.7 -> "−70.0%".
std::string SignedPercent(double ratio, int decimals = 1);
// "Xinjiang Uygur Zizhiqu (CN-XJ)", or the code when unknown.
std::string EconomyLabel(const Reference& reference, const std::string& code);
std::string ProductLabel(const Reference& reference, const std::string& code);
// "exports", "imports", "total trade".
std::string FlowWord(Flow flow);

}  // namespace tradeshock::brief
