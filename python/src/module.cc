// tradeshock._core: the Python extension. Thin by rule (docs/ARCHITECTURE.md): each function turns its
// arguments into the library's options struct, makes one library call, and converts the result — JSON results
// through result_json.h's ToJson (the CLI's --format json objects), tables as NumPy views. The Python package
// (python/tradeshock/) gives these functions their documented, Pythonic signatures.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include "bindings.h"
#include "tradeshock/claims.h"
#include "tradeshock/error.h"
#include "tradeshock/version.h"

namespace py = pybind11;

namespace tradeshock::python {
namespace {

// Exception classes, created once at import (module "tradeshock._core"; the package re-exports them).
PyObject* g_error = nullptr;
PyObject* g_input_error = nullptr;
PyObject* g_expression_error = nullptr;

// Raises `type(message)` with the place of the fault as attributes.
void RaiseLocated(PyObject* type, const std::string& message, const SourcePlace& place, const std::string& kind,
                  const std::string& value, const std::string& expected) {
  py::object exception = py::reinterpret_borrow<py::object>(type)(message);
  exception.attr("file") = place.file.empty() ? py::object(py::none()) : py::object(py::str(place.file));
  exception.attr("line") = place.line == 0 ? py::object(py::none()) : py::object(py::int_(place.line));
  exception.attr("column") = place.column == 0 ? py::object(py::none()) : py::object(py::int_(place.column));
  exception.attr("kind") = kind;
  exception.attr("value") = value;
  exception.attr("expected") = expected;
  PyErr_SetObject(type, exception.ptr());
}

void TranslateErrors(std::exception_ptr pointer) {
  try {
    if (pointer) std::rethrow_exception(pointer);
  } catch (const InputException& e) {
    const InputError& error = e.error();
    RaiseLocated(g_input_error, e.what(), error.place(), std::string(ToString(error.kind)), error.value,
                 error.expected);
  } catch (const ClaimsFileError& e) {
    RaiseLocated(g_input_error, e.what(), e.place(), e.kind() ? std::string(ToString(*e.kind())) : "bad claim", e.key(),
                 "");
  } catch (const ExpressionError& e) {
    RaiseLocated(g_expression_error, e.what(), e.place(), "bad expression", "", "");
  } catch (const Error& e) {
    PyErr_SetString(g_error, e.what());
  }
}

}  // namespace

py::object ToPython(const nlohmann::json& json) {
  switch (json.type()) {
    case nlohmann::json::value_t::null:
      return py::none();
    case nlohmann::json::value_t::boolean:
      return py::bool_(json.get<bool>());
    case nlohmann::json::value_t::number_integer:
      return py::int_(json.get<std::int64_t>());
    case nlohmann::json::value_t::number_unsigned:
      return py::int_(json.get<std::uint64_t>());
    case nlohmann::json::value_t::number_float:
      return py::float_(json.get<double>());
    case nlohmann::json::value_t::string:
      return py::str(json.get_ref<const std::string&>());
    case nlohmann::json::value_t::array: {
      py::list list(json.size());
      for (std::size_t i = 0; i < json.size(); ++i) list[i] = ToPython(json[i]);
      return std::move(list);
    }
    case nlohmann::json::value_t::object: {
      py::dict dict;
      for (const auto& [key, value] : json.items()) dict[py::str(key)] = ToPython(value);
      return std::move(dict);
    }
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      break;
  }
  return py::none();
}

}  // namespace tradeshock::python

PYBIND11_MODULE(_core, module) {
  using namespace tradeshock::python;
  module.doc() = "tradeshock's C++ engine; use the `tradeshock` package, which documents every function.";
  module.attr("__version__") = std::string(tradeshock::kTradeshockVersion);

  g_error = PyErr_NewExceptionWithDoc("tradeshock._core.Error",
                                      "An error that ends an operation (unknown code, missing FX rate, bad option).",
                                      PyExc_RuntimeError, nullptr);
  py::tuple input_bases = py::make_tuple(py::handle(g_error), py::handle(PyExc_ValueError));
  g_input_error = PyErr_NewExceptionWithDoc(
      "tradeshock._core.InputError",
      "A fault in an input file: .file, .line, .column (None when not applicable), .kind, .value (the text "
      "found) and .expected.",
      g_error == nullptr ? nullptr : input_bases.ptr(), nullptr);
  g_expression_error = PyErr_NewExceptionWithDoc(
      "tradeshock._core.ExpressionError",
      "A fault in a formula, subset or counterfactual expression: .column is the 1-based character.", input_bases.ptr(),
      nullptr);
  module.attr("Error") = py::handle(g_error);
  module.attr("InputError") = py::handle(g_input_error);
  module.attr("ExpressionError") = py::handle(g_expression_error);
  py::register_exception_translator(&TranslateErrors);

  DefineTable(module);
  DefineAnalysis(module);
  DefineModels(module);
}
