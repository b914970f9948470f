// The HS nomenclature (data/reference/hs): chapters, headings and subheadings, the 21 sections and
// the grand total.
#include <fmt/format.h>

#include "reference/csv_file.h"
#include "reference/reference_impl.h"
#include "tradeshock/error.h"

namespace tradeshock::reference_internal {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

const HsEntry* Add(Reference::Impl& impl, HsEntry entry) {
  impl.hs_entries.push_back(std::move(entry));
  const HsEntry* added = &impl.hs_entries.back();
  return impl.hs_index.emplace(added->code, added).second ? added : nullptr;
}

}  // namespace

void LoadHs(const std::filesystem::path& codes_path, const std::filesystem::path& sections_path,
            Reference::Impl& impl) {
  const CsvFile sections = CsvFile::Read(sections_path);
  const std::size_t section_column = sections.Column("section");
  const std::size_t section_name_column = sections.Column("name");
  for (std::size_t row = 0; row < sections.row_count(); ++row) {
    HsEntry entry;
    entry.code = sections.at(row, section_column);
    entry.description = sections.at(row, section_name_column);
    entry.parent = "TOTAL";
    entry.level = 1;
    entry.section = entry.code;
    if (Add(impl, std::move(entry)) == nullptr) sections.Fail(sections.line(row), "section listed twice");
  }

  const CsvFile codes = CsvFile::Read(codes_path);
  const std::size_t section_column_hs = codes.Column("section");
  const std::size_t code_column = codes.Column("hscode");
  const std::size_t description_column = codes.Column("description");
  const std::size_t parent_column = codes.Column("parent");
  const std::size_t level_column = codes.Column("level");
  impl.hs_index.reserve(impl.hs_index.size() + codes.row_count());
  for (std::size_t row = 0; row < codes.row_count(); ++row) {
    const std::size_t line = codes.line(row);
    const std::string_view code = codes.at(row, code_column);
    const std::string_view parent = codes.at(row, parent_column);
    const std::string_view section = codes.at(row, section_column_hs);
    HsEntry entry;
    entry.description = codes.at(row, description_column);
    // The upstream file closes with a grand-total row (level 5); it becomes the level-0 entry TOTAL.
    if (code == "TOTAL") {
      entry.code = "TOTAL";
      entry.level = 0;
      if (Add(impl, std::move(entry)) == nullptr) codes.Fail(line, "TOTAL listed twice");
      continue;
    }
    const std::string_view level = codes.at(row, level_column);
    const int digits = level == "2" ? 2 : level == "4" ? 4 : level == "6" ? 6 : 0;
    if (digits == 0) codes.Fail(line, fmt::format("level '{}' is not 2, 4 or 6", level));
    if (!AllDigits(code) || code.size() != static_cast<std::size_t>(digits)) {
      codes.Fail(line, fmt::format("'{}' is not a {}-digit HS code", code, digits));
    }
    // Chapter 99 ("commodities not specified according to kind") belongs to no section: upstream marks
    // it TOTAL.
    const auto section_entry = impl.hs_index.find(std::string(section));
    if (section != "TOTAL" && (section_entry == impl.hs_index.end() || section_entry->second->level != 1)) {
      codes.Fail(line, fmt::format("section '{}' is not in {}", section, sections_path.string()));
    }
    const bool parent_ok = digits == 2 ? parent == "TOTAL" : parent == code.substr(0, digits - 2);
    if (!parent_ok) codes.Fail(line, fmt::format("parent '{}' does not contain '{}'", parent, code));
    if (digits > 2 && !impl.hs_index.contains(std::string(parent))) {
      codes.Fail(line, fmt::format("parent '{}' of '{}' is not listed before it", parent, code));
    }
    entry.code = code;
    entry.parent = parent;
    entry.level = digits;
    entry.section = section;
    if (Add(impl, std::move(entry)) == nullptr) codes.Fail(line, fmt::format("HS code {} listed twice", code));
  }
}

}  // namespace tradeshock::reference_internal
