// Shared by the binding files of tradeshock._core (python/src/).
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <nlohmann/json_fwd.hpp>

#include "tradeshock/io.h"
#include "tradeshock/trade_table.h"

namespace tradeshock::python {

// A table read from files with the report of how it was read; shared with the NumPy views of its columns,
// which keep it alive.
struct PyTable {
  TradeTable table;
  ReadReport read;
};

// nlohmann::json -> dict, list, str, int, float, bool, None.
pybind11::object ToPython(const nlohmann::json& json);

void DefineTable(pybind11::module_& module);     // read, TradeTable (table.cc)
void DefineAnalysis(pybind11::module_& module);  // indicators, case analysis, claims, brief (analysis.cc)
void DefineModels(pybind11::module_& module);    // gravity fit, GE on a panel (models.cc)

}  // namespace tradeshock::python
