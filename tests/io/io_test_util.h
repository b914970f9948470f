// Helpers shared by the reader tests: the repo's reference data, temp folders, gzip, and catching the
// InputException of a bad input.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include "reference/reference_fixture.h"
#include "temp_dir.h"
#include "tradeshock/error.h"
#include "tradeshock/io.h"
#include "tradeshock/trade_table.h"

namespace tradeshock::testing {

inline const Reference& Ref() { return RepoReference(); }

// gzip-wrapped deflate of `text`, as gzip(1) would write it.
inline std::string Gzip(std::string_view text) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&stream, text.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

inline TradeTable ReadText(std::string_view text, const ReadOptions& options = {}, ReadReport* report = nullptr,
                           const std::string& name = "t.csv") {
  return ReadTradeBuffer(text, name, Ref(), options, report);
}

// The InputError that reading `text` raises; fails the test if nothing is raised.
inline InputError ErrorOf(std::string_view text, const ReadOptions& options = {}, const std::string& name = "t.csv") {
  try {
    ReadTradeBuffer(text, name, Ref(), options);
  } catch (const InputException& exception) {
    EXPECT_EQ(exception.what(), exception.error().Message());
    return exception.error();
  }
  ADD_FAILURE() << "no InputException for:\n" << text;
  return {};
}

inline InputError FileErrorOf(const std::vector<std::string>& paths, const ReadOptions& options = {}) {
  try {
    ReadTradeFiles(paths, Ref(), options);
  } catch (const InputException& exception) {
    return exception.error();
  }
  ADD_FAILURE() << "no InputException";
  return {};
}

constexpr char kLongHeader[] = "reporter,partner,flow,product,period,value,currency,unit\n";

// Index of `code` in a dictionary, failing the test when absent.
inline std::uint32_t IdOf(const Dictionary& dictionary, std::string_view code) {
  const std::uint32_t id = dictionary.Find(code);
  EXPECT_LT(id, dictionary.size()) << code << " not in the dictionary";
  return id;
}

}  // namespace tradeshock::testing
