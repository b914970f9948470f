// The brief's three files, written all together or not at all, and the terminal summary.
#include <fmt/format.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "report/brief_model.h"
#include "tradeshock/error.h"
#include "tradeshock/io.h"
#include "tradeshock/report.h"
#include "tradeshock/result_json.h"

namespace tradeshock {

std::string RenderBriefMarkdown(const CaseAnalysis& analysis, const Reference& reference) {
  return brief::RenderMarkdown(brief::BuildDocument(analysis, reference));
}

std::string RenderBriefHtml(const CaseAnalysis& analysis, const Reference& reference) {
  return brief::RenderHtml(brief::BuildDocument(analysis, reference));
}

std::string BriefLead(const CaseAnalysis& analysis, const Reference& reference) {
  return brief::BuildLead(analysis, reference);
}

namespace {

std::string BriefJson(const CaseAnalysis& analysis, const TradeTable& table, const std::string& lead) {
  nlohmann::json json = CaseAnalysisToJson(analysis, table);
  json["lead"] = lead;
  json["generated_by"] = {{"program", "tradeshock"}, {"version", kTradeshockVersion}, {"inputs", analysis.input_files}};
  return json.dump(2) + "\n";
}

}  // namespace

std::string RenderBriefJson(const CaseAnalysis& analysis, const TradeTable& table, const Reference& reference) {
  return BriefJson(analysis, table, BriefLead(analysis, reference));
}

BriefPaths WriteBrief(const CaseAnalysis& analysis, const TradeTable& table, const Reference& reference,
                      const std::filesystem::path& out_dir) {
  // Render everything before touching the disk: a failure while rendering writes nothing.
  const brief::Document document = brief::BuildDocument(analysis, reference);
  const std::string contents[3] = {brief::RenderMarkdown(document), brief::RenderHtml(document),
                                   BriefJson(analysis, table, document.lead)};
  const BriefPaths paths{out_dir / "brief.md", out_dir / "brief.html", out_dir / "brief.json"};
  // The three files change together: a killed run, or two runs writing one folder, leave one whole brief.
  WriteFileSet(out_dir, {{"brief.md", contents[0]}, {"brief.html", contents[1]}, {"brief.json", contents[2]}});
  return paths;
}

namespace {

// The terminal summary's lead is wrapped to fit a terminal.
constexpr std::size_t kSummaryWidth = 100;

// `text` broken at spaces into lines of at most `width` bytes (a longer word stays whole), each indented.
std::string Wrapped(const std::string& text, std::size_t width, const std::string& indent) {
  std::string out;
  std::string line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

}  // namespace

std::string BriefSummary(const CaseAnalysis& analysis, const Reference& reference) {
  const brief::Document document = brief::BuildDocument(analysis, reference);
  std::string out = document.title + "\n\n" + Wrapped(document.lead, kSummaryWidth, "  ") + "\n";
  for (const brief::Block& block : document.blocks) {
    if (block.kind != brief::Block::Kind::kKeyNumbers) continue;
    for (const brief::KeyNumber& key : block.key_numbers) {
      out += fmt::format("  {:<44} {:>20}  {}\n", key.label, key.value, key.detail);
    }
  }
  return out;
}

}  // namespace tradeshock
