// Renders the brief's blocks as Markdown and as one self-contained HTML page (inline CSS and SVG, a
// Content-Security-Policy that forbids every external load).
#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

#include "report/brief_model.h"
#include "report/svg.h"

namespace tradeshock::brief {
namespace {

std::string MarkdownCell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out.empty() ? " " : out;
}

std::string MarkdownTable(const Table& table) {
  std::string out = "|";
  for (const std::string& cell : table.header) out += " " + MarkdownCell(cell) + " |";
  out += "\n|";
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    out += i < table.numeric.size() && table.numeric[i] ? " ---: |" : " --- |";
  }
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + MarkdownCell(cell) + " |";
    out += "\n";
  }
  return out + "\n";
}

// The CSS class of a cell that holds a claim's verdict (ToString(ClaimVerdict)), else empty.
std::string_view VerdictClass(const std::string& text) {
  constexpr std::pair<ClaimVerdict, std::string_view> kClasses[] = {
      {ClaimVerdict::kMatchesDataEntry, "entry"},
      {ClaimVerdict::kSupported, "supported"},
      {ClaimVerdict::kConsistentWithProjection, "projection"},
      {ClaimVerdict::kContradicted, "contradicted"},
      {ClaimVerdict::kNotCheckable, "not"}};
  for (const auto& [verdict, css] : kClasses) {
    if (text == ToString(verdict)) return css;
  }
  return {};
}

std::string HtmlTable(const Table& table, const std::string& css_class) {
  using svg::XmlEscape;
  // Inside a box that scrolls sideways, so a wide table never widens the page (on a phone).
  std::string out = fmt::format("<div class=\"table-scroll\"><table class=\"{}\">\n<thead><tr>", css_class);
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    const bool numeric = i < table.numeric.size() && table.numeric[i];
    out += fmt::format("<th{}>{}</th>", numeric ? " class=\"num\"" : "", XmlEscape(table.header[i]));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool numeric = i < table.numeric.size() && table.numeric[i];
      std::string cell_class = numeric ? "num" : "";
      if (const std::string_view verdict = VerdictClass(row[i]); !numeric && !verdict.empty()) {
        cell_class = fmt::format("status {}", verdict);
      }
      out += fmt::format("<td{}>{}</td>", cell_class.empty() ? "" : " class=\"" + cell_class + "\"", XmlEscape(row[i]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

constexpr char kCss[] = R"css(
:root { color-scheme: light; }
body { margin: 0; background: #f4f5f7; color: #1a1a1a;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; }
header { border-bottom: 3px solid #1f5f99; margin-bottom: 24px; padding-bottom: 12px; }
h1 { font-size: 28px; line-height: 1.25; margin: 0 0 8px; }
.subtitle { color: #555; margin: 0; }
.lead { font-size: 18px; line-height: 1.5; margin: 16px 0 24px; }
h2 { font-size: 20px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 1px solid #ddd; }
h3 { font-size: 16px; margin: 24px 0 8px; }
p, ul { margin: 8px 0; }
li { margin: 4px 0; }
.key-numbers { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr)); gap: 12px; }
.key { border: 1px solid #dde3ea; border-left: 4px solid #1f5f99; border-radius: 4px; padding: 10px 12px; background: #fafbfc; }
.key .label { font-size: 13px; color: #555; }
.key .value { font-size: 20px; font-weight: 650; font-variant-numeric: tabular-nums; margin: 2px 0; }
.key .detail { font-size: 12.5px; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e4e4e4; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid #999; font-weight: 600; background: #f7f7f7; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.status { font-weight: 600; }
td.supported { color: #1b7a3a; }
td.entry, td.projection { color: #49617a; }
td.contradicted { color: #b22222; }
td.not { color: #8a6d00; }
figure { margin: 16px 0 24px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #555; margin-top: 4px; }
details { margin-top: 6px; font-size: 13px; }
summary { cursor: pointer; color: #1f5f99; }
footer { margin-top: 40px; font-size: 12px; color: #777; }
.table-scroll { overflow-x: auto; margin: 8px 0 16px; }
.table-scroll table { margin: 0; }
.chart-narrow { display: none; }
@media (max-width: 640px) {
  main { padding: 16px 14px 32px; }
  h1 { font-size: 23px; }
  .lead { font-size: 16px; }
  .key-numbers { grid-template-columns: 1fr; }
  .chart-wide { display: none; }
  .chart-narrow { display: block; }
  li, td, th { overflow-wrap: anywhere; }
}
)css";

}  // namespace

std::string RenderMarkdown(const Document& document) {
  std::string out = fmt::format("# {}\n\n{}\n\n", document.title, document.subtitle);
  if (!document.lead.empty()) out += fmt::format("**{}**\n\n", document.lead);
  for (const Block& block : document.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        out += fmt::format("{} {}\n\n", std::string(block.level, '#'), block.text);
        break;
      case Block::Kind::kParagraph:
        out += block.text + "\n\n";
        break;
      case Block::Kind::kList:
        for (const std::string& item : block.items) out += "- " + item + "\n";
        out += "\n";
        break;
      case Block::Kind::kTable:
        out += MarkdownTable(block.table);
        break;
      case Block::Kind::kChart:
        // Markdown viewers do not show inline SVG reliably: the chart's data as a table instead.
        out += fmt::format("**{}** (chart in brief.html)\n\n", block.text);
        out += MarkdownTable(block.table);
        if (!block.note.empty()) out += "_" + block.note + "_\n\n";
        break;
      case Block::Kind::kKeyNumbers: {
        Table table{{"", "value", ""}, {false, true, false}, {}};
        for (const KeyNumber& key : block.key_numbers) table.rows.push_back({key.label, key.value, key.detail});
        out += MarkdownTable(table);
        break;
      }
    }
  }
  return out;
}

std::string RenderHtml(const Document& document) {
  using svg::XmlEscape;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may load from outside the file: no scripts, fonts, images or frames; only the inline CSS.
  out +=
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out +=
      fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n", XmlEscape(document.title), kCss);
  out += fmt::format("<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n", XmlEscape(document.title),
                     XmlEscape(document.subtitle));
  if (!document.lead.empty()) out += fmt::format("<p class=\"lead\">{}</p>\n", XmlEscape(document.lead));
  for (const Block& block : document.blocks) {
    switch (block.kind) {
      case Block::Kind::kHeading:
        out += fmt::format("<h{0}>{1}</h{0}>\n", block.level, XmlEscape(block.text));
        break;
      case Block::Kind::kParagraph:
        out += fmt::format("<p>{}</p>\n", XmlEscape(block.text));
        break;
      case Block::Kind::kList:
        out += "<ul>\n";
        for (const std::string& item : block.items) out += fmt::format("<li>{}</li>\n", XmlEscape(item));
        out += "</ul>\n";
        break;
      case Block::Kind::kTable:
        out += HtmlTable(block.table, "data");
        break;
      case Block::Kind::kChart:
        out += "<figure>\n";
        if (block.svg_narrow.empty()) {
          out += block.svg;
        } else {
          out += "<div class=\"chart-wide\">\n" + block.svg + "</div>\n<div class=\"chart-narrow\">\n" +
                 block.svg_narrow + "</div>\n";
        }
        if (!block.note.empty()) out += fmt::format("<figcaption>{}</figcaption>\n", XmlEscape(block.note));
        out += "<details><summary>The chart's data</summary>\n" + HtmlTable(block.table, "data") + "</details>\n";
        out += "</figure>\n";
        break;
      case Block::Kind::kKeyNumbers:
        out += "<div class=\"key-numbers\">\n";
        for (const KeyNumber& key : block.key_numbers) {
          out += fmt::format(
              "<div class=\"key\"><div class=\"label\">{}</div><div class=\"value\">{}</div>"
              "<div class=\"detail\">{}</div></div>\n",
              XmlEscape(key.label), XmlEscape(key.value), XmlEscape(key.detail));
        }
        out += "</div>\n";
        break;
    }
  }
  out +=
      "<footer>Generated by tradeshock. Every figure is computed from the case's input files; brief.json holds "
      "each number with the table rows and exchange rates behind it.</footer>\n";
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace tradeshock::brief
