// What each field of an input-output table's header and each row label means in the three layouts
// (docs/FORMATS.md, "Input-output tables"); the reading loop over the records is io_table_read.cc.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tradeshock/io_table.h"

namespace tradeshock::io_internal {

enum class IoColumnKind { kLabel, kSector, kFinal, kOutput };

struct IoColumn {
  IoColumnKind kind = IoColumnKind::kLabel;
  std::string economy;  // kSector, kFinal
  std::string code;     // the industry (kSector) or final-use category (kFinal)
};

// The layout a header belongs to, from its first and last fields; nullopt when it is none of them.
std::optional<IoLayout> DetectIoLayout(const std::vector<std::string_view>& header);

// The meaning of header field `index` (0-based) of `layout`; nullopt when the layout has no such label. The
// label columns are the leading ones: the first (WIOD 2013, ICIO) or the named ones (WIOD 2016).
std::optional<IoColumn> ClassifyIoColumn(IoLayout layout, std::string_view field, std::size_t index);
// What a header field of `layout` should have been, for messages.
std::string ExpectedIoColumn(IoLayout layout);

// Where the label fields of a row are: the first column (WIOD 2013, ICIO), or the named columns
// IndustryCode, Country and RNr (WIOD 2016). Found in the header.
struct IoRowLabels {
  std::size_t label = 0;                                      // WIOD 2013, ICIO
  std::optional<std::size_t> industry_code, country, number;  // WIOD 2016
};
IoRowLabels FindIoRowLabels(IoLayout layout, const std::vector<std::string_view>& header);

enum class IoRowKind { kSector, kOther };
struct IoRow {
  IoRowKind kind = IoRowKind::kOther;
  std::string economy;
  std::string code;           // the industry as the header's columns name it (WIOD 2016: its number)
  std::string industry_name;  // the industry's code to show (WIOD 2016: IndustryCode; others: `code`)
  std::size_t column = 1;     // 1-based field holding the label, for messages
  std::string text;           // the label as written
};
// The meaning of a row; nullopt when its label is unknown (the IoRow's column and text say where).
std::optional<IoRow> ClassifyIoRow(IoLayout layout, const IoRowLabels& labels,
                                   const std::vector<std::string_view>& fields, IoRow& where);
std::string ExpectedIoRow(IoLayout layout);

}  // namespace tradeshock::io_internal
