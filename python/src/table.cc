// read() and TradeTable: the table's columns as read-only NumPy views of its own memory (no copy), its
// dictionaries as lists, and inspect() as `tradeshock inspect --format json` gives it.
#include <fmt/format.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include "bindings.h"
#include "tradeshock/reference.h"
#include "tradeshock/result_json.h"

namespace py = pybind11;

namespace tradeshock::python {
namespace {

InputFormat ParseFormat(const std::string& text) {
  if (text == "auto") return InputFormat::kAuto;
  if (text == "long") return InputFormat::kLong;
  if (text == "baci") return InputFormat::kBaci;
  if (text == "comtrade") return InputFormat::kComtrade;
  throw Error("read: format must be auto, long, baci or comtrade, got '" + Printable(text) + "'");
}

// A read-only array over `data`, owned by `owner` (the Python TradeTable).
template <typename T>
py::array View(std::span<const T> data, py::handle owner) {
  py::array_t<T> array({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))}, data.data(),
                       owner);
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return std::move(array);
}

std::shared_ptr<PyTable> Read(const std::vector<std::string>& paths, const std::string& format, bool lenient,
                              bool sum_duplicates, const std::string& baci_codes, unsigned threads,
                              std::int64_t max_inflated_bytes) {
  ReadOptions options = ReadOptions::Defaults();
  options.format = ParseFormat(format);
  options.lenient = lenient;
  options.duplicates = sum_duplicates ? DuplicatePolicy::kSum : DuplicatePolicy::kError;
  options.baci_country_codes = baci_codes;
  options.threads = threads;
  options.max_inflated_bytes = max_inflated_bytes;
  auto result = std::make_shared<PyTable>();
  py::gil_scoped_release release;
  result->table = ReadTradeFiles(paths, Reference::Default(), options, &result->read);
  return result;
}

py::dict Columns(py::object self) {
  const TradeTable& table = self.cast<const PyTable&>().table;
  py::dict columns;
  columns["reporter"] = View(table.reporter(), self);
  columns["partner"] = View(table.partner(), self);
  const std::span<const Flow> flows = table.flow();
  columns["flow"] =
      View(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(flows.data()), flows.size()), self);
  columns["product"] = View(table.product(), self);
  columns["period"] = View(table.period(), self);
  columns["currency"] = View(table.currency(), self);
  columns["value"] = View(table.value(), self);
  if (table.has_quantity()) columns["quantity"] = View(table.quantity(), self);
  return columns;
}

py::dict Dictionaries(const PyTable& self) {
  const TradeTable& table = self.table;
  std::vector<std::string> periods;
  for (const Period& period : table.periods()) periods.push_back(period.ToString());
  py::dict dictionaries;
  dictionaries["reporter"] = table.economies().texts();
  dictionaries["partner"] = table.economies().texts();
  dictionaries["flow"] =
      std::vector<std::string>{std::string(ToString(Flow::kExports)), std::string(ToString(Flow::kImports)),
                               std::string(ToString(Flow::kTrade))};
  dictionaries["product"] = table.products().texts();
  dictionaries["period"] = periods;
  dictionaries["currency"] = table.currencies().texts();
  return dictionaries;
}

// A table from coded columns (dictionary ids + dictionaries, as columns() and dictionaries() give them, or
// pandas Categoricals' codes and categories). The codes must be canonical (as a table read by the library
// holds them); a repeated key is an InputException, or summed with sum_duplicates.
std::shared_ptr<PyTable> FromColumns(const py::dict& codes, const py::dict& dictionaries, py::array_t<double> values,
                                     const std::string& name, bool sum_duplicates) {
  using Ids = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>;
  const std::size_t rows = static_cast<std::size_t>(values.size());
  const auto column = [&](const char* key) {
    Ids ids = codes[key].cast<Ids>();
    if (static_cast<std::size_t>(ids.size()) != rows) {
      throw Error(fmt::format("from_columns: column '{}' has {} rows, value has {}", key, ids.size(), rows));
    }
    return ids;
  };
  const auto dictionary = [&](const char* key) { return dictionaries[key].cast<std::vector<std::string>>(); };
  const char* keys[] = {"reporter", "partner", "flow", "product", "period", "currency"};
  std::vector<Ids> ids;
  std::vector<std::vector<std::string>> texts;
  for (const char* key : keys) {
    ids.push_back(column(key));
    texts.push_back(dictionary(key));
  }
  std::vector<Flow> flows;
  for (const std::string& text : texts[2]) {
    const auto flow = ParseFlow(text);
    if (!flow) throw Error(fmt::format("from_columns: flow '{}' is not exports, imports or trade", Printable(text)));
    flows.push_back(*flow);
  }
  std::vector<Period> periods;
  for (const std::string& text : texts[4]) {
    const auto period = Period::Parse(text);
    if (!period) throw Error(fmt::format("from_columns: period '{}' is not YYYY, YYYY-MM or a range", Printable(text)));
    periods.push_back(*period);
  }
  auto result = std::make_shared<PyTable>();
  TradeTableBuilder builder;
  builder.AddFile(name);
  const auto value = values.unchecked<1>();
  std::vector<decltype(ids[0].unchecked<1>())> views;
  for (const Ids& column_ids : ids) views.push_back(column_ids.unchecked<1>());
  const auto text_at = [&](std::size_t column_idx, std::size_t row) -> const std::string& {
    const std::int64_t id = views[column_idx](static_cast<py::ssize_t>(row));
    if (id < 0 || static_cast<std::size_t>(id) >= texts[column_idx].size()) {
      throw Error(fmt::format("from_columns: row {}: {} id {} is missing or out of range", row, keys[column_idx], id));
    }
    return texts[column_idx][static_cast<std::size_t>(id)];
  };
  for (std::size_t row = 0; row < rows; ++row) {
    TradeTableBuilder::Row entry;
    entry.reporter = text_at(0, row);
    entry.partner = text_at(1, row);
    text_at(2, row);
    entry.flow = flows[static_cast<std::size_t>(views[2](static_cast<py::ssize_t>(row)))];
    entry.product = text_at(3, row);
    text_at(4, row);
    entry.period = periods[static_cast<std::size_t>(views[4](static_cast<py::ssize_t>(row)))];
    entry.currency = text_at(5, row);
    entry.value = value(static_cast<py::ssize_t>(row));
    builder.Add(entry, static_cast<std::uint32_t>(row + 2));  // line 1 is a header, as in a file
  }
  result->table = builder.Build(sum_duplicates ? DuplicatePolicy::kSum : DuplicatePolicy::kError);
  result->read.files.push_back({name, InputFormat::kLong, result->table.size()});
  result->read.rows_kept = result->table.size();
  return result;
}

}  // namespace

void DefineTable(py::module_& module) {
  py::class_<PyTable, std::shared_ptr<PyTable>>(module, "Table", "A TradeTable and the report of its reading.")
      .def("__len__", [](const PyTable& self) { return self.table.size(); })
      .def("columns", &Columns, "The row columns as read-only NumPy views (codes are dictionary ids).")
      .def("dictionaries", &Dictionaries, "Each coded column's dictionary: id -> code.")
      .def(
          "inspect", [](const PyTable& self) { return ToPython(ToJson(self.table, self.read)); },
          "What the table holds, as `tradeshock inspect --format json`.")
      .def_property_readonly("files", [](const PyTable& self) { return self.table.files(); })
      .def_property_readonly("column_bytes", [](const PyTable& self) { return self.table.ColumnBytes(); });
  module.def("read", &Read, py::arg("paths"), py::arg("format") = "auto", py::arg("lenient") = false,
             py::arg("sum_duplicates") = false, py::arg("baci_codes") = "", py::arg("threads") = 0,
             py::arg("max_inflated_bytes") = 0);
  module.def("from_columns", &FromColumns, py::arg("codes"), py::arg("dictionaries"), py::arg("values"),
             py::arg("name"), py::arg("sum_duplicates") = false);
}

}  // namespace tradeshock::python
