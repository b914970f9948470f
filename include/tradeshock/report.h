// The brief: a case's analysis (case_analysis.h) rendered for people — Markdown, a self-contained HTML page with
// inline SVG charts — and for machines (JSON with provenance). Every number is taken from the
// CaseAnalysis; nothing is typed in. Format and contents: docs/FORMATS.md, "The brief".
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "tradeshock/case_analysis.h"
#include "tradeshock/number_format.h"  // WithSeparators, FormatMoney: the one number formatter
#include "tradeshock/reference.h"
#include "tradeshock/trade_table.h"
#include "tradeshock/version.h"  // kTradeshockVersion, in brief.json

namespace tradeshock {

struct BriefPaths {
  std::filesystem::path markdown;  // brief.md
  std::filesystem::path html;      // brief.html
  std::filesystem::path json;      // brief.json
};

// The three forms as strings (the writer below saves them).
std::string RenderBriefMarkdown(const CaseAnalysis& analysis, const Reference& reference);
std::string RenderBriefHtml(const CaseAnalysis& analysis, const Reference& reference);
// brief.json: CaseAnalysisToJson (result_json.h) with the lead and what generated it.
std::string RenderBriefJson(const CaseAnalysis& analysis, const TradeTable& table, const Reference& reference);

// The lead paragraph at the top of every form (`lead` in brief.json): what is at stake, what the year may
// look like with the policies and the assumption that leans on most, and which claims fail and why — computed
// from the results, one sentence each.
std::string BriefLead(const CaseAnalysis& analysis, const Reference& reference);

// Writes brief.md, brief.html and brief.json into out_dir (created when missing): all three or none —
// each is rendered first, written to a temporary file, and only then are the three renamed into place.
// Throws Error naming the path that could not be written.
BriefPaths WriteBrief(const CaseAnalysis& analysis, const TradeTable& table, const Reference& reference,
                      const std::filesystem::path& out_dir);

// A short plain-text summary for a terminal: the title, the lead paragraph wrapped to 100 columns, and one line
// per key number (the claims counts among them).
std::string BriefSummary(const CaseAnalysis& analysis, const Reference& reference);

}  // namespace tradeshock
