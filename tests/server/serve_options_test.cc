// The server's options and request reading alone: Validate() names the option, loaded names, and the strict JSON
// fields (types, ranges, unknown keys) with their paths.
#include "serve_options.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "api.h"
#include "error_text.h"
#include "loaded_data.h"
#include "request_fields.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;

std::string ValidateMessage(const server::ServeOptions& options) {
  try {
    options.Validate();
  } catch (const Error& error) {
    return error.what();
  }
  return "valid";
}

TEST(ServeOptions, DefaultsAreSafe) {
  const server::ServeOptions options = server::ServeOptions::Defaults();
  EXPECT_EQ(options.bind, "127.0.0.1");
  EXPECT_TRUE(options.cors_origin.empty());
  EXPECT_EQ(options.max_body_bytes, std::size_t{1} << 20);
  // No inputs yet: the one fault of the defaults.
  EXPECT_EQ(ValidateMessage(options), "serve: ServeOptions::inputs must name at least one case folder or trade file");
}

TEST(ServeOptions, ValidateNamesTheOption) {
  server::ServeOptions options = server::ServeOptions::Defaults();
  options.inputs = {"x"};
  EXPECT_EQ(ValidateMessage(options), "valid");
  options.port = 70000;
  EXPECT_EQ(ValidateMessage(options), "serve: ServeOptions::port must be 0 (any free port) to 65535, got 70000");
  options.port = 0;
  options.bind = "localhost";
  EXPECT_THAT(ValidateMessage(options), HasSubstr("ServeOptions::bind must be an IPv4 or IPv6 address"));
  options.bind = "::1";
  EXPECT_EQ(ValidateMessage(options), "valid");
  options.max_body_bytes = 0;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("ServeOptions::max_body_bytes must be 1 to"));
  options.max_body_bytes = 100;
  options.request_timeout_seconds = 0;
  EXPECT_EQ(ValidateMessage(options), "serve: ServeOptions::request_timeout_seconds must be 1 to 3600, got 0");
  options.request_timeout_seconds = 5;
  options.threads = 0;
  EXPECT_EQ(ValidateMessage(options), "serve: ServeOptions::threads must be 1 to 256, got 0");
  options.threads = 2;
  options.cors_origin = "http://a\r\nSet-Cookie: x";
  EXPECT_THAT(ValidateMessage(options), HasSubstr("ServeOptions::cors_origin must be one line"));
  options.cors_origin.clear();
  options.read.threads = 5000;
  EXPECT_THAT(ValidateMessage(options), HasSubstr("ReadOptions::threads"));
}

TEST(LoadedName, FolderNameOrFileNameWithoutExtensions) {
  EXPECT_EQ(server::LoadedName("data/cases/xinjiang-2021"), "xinjiang-2021");
  EXPECT_EQ(server::LoadedName("data/cases/xinjiang-2021/"), "xinjiang-2021");
  EXPECT_EQ(server::LoadedName("/tmp/flows.csv.gz"), "flows");
  EXPECT_EQ(server::LoadedName("BACI_HS17_Y2020_V202401b.csv"), "BACI_HS17_Y2020_V202401b");
}

std::string RequestMessage(const std::function<void()>& read) {
  try {
    read();
  } catch (const server::RequestError& error) {
    EXPECT_EQ(error.status(), 400);
    return error.path() + " | " + error.what();
  }
  return "no error";
}

TEST(RequestFields, TypesRangesAndUnknownKeys) {
  const nlohmann::json body = server::ParseRequestBody(
      R"({"name": "x", "count": 3, "years": [2019, 2020], "inner": {"a": "b", "extra": 1}, "typo": true})");
  server::RequestFields fields(body, "$");
  EXPECT_EQ(fields.String("name"), "x");
  EXPECT_EQ(fields.Integer("count", 0, 10), 3);
  EXPECT_EQ(fields.IntegerArray("years", 1900, 2100), (std::vector<std::int64_t>{2019, 2020}));
  EXPECT_EQ(fields.String("absent"), std::nullopt);
  std::optional<server::RequestFields> inner = fields.Object("inner");
  ASSERT_TRUE(inner);
  EXPECT_EQ(inner->String("a"), "b");
  EXPECT_EQ(RequestMessage([&] { inner->Finish(); }),
            "$.inner.extra | $.inner.extra: unknown field; expected one of a");
  EXPECT_THAT(RequestMessage([&] { fields.Finish(); }), HasSubstr("$.typo | $.typo: unknown field"));
  EXPECT_EQ(RequestMessage([&] { fields.Integer("count", 5, 10); }),
            "$.count | $.count: expected an integer from 5 to 10, got 3");
  EXPECT_EQ(RequestMessage([&] { fields.String("count"); }),
            "$.count | $.count: expected a string, got an integer (3)");
  EXPECT_EQ(RequestMessage([&] { fields.IntegerArray("years", 2020, 2100); }),
            "$.years[0] | $.years[0]: expected an integer from 2020 to 2100, got 2019");
  EXPECT_EQ(RequestMessage([&] {
              fields.OneOf("name", {"a", "b"});
            }),
            "$.name | $.name: expected one of a, b, got 'x'");
}

TEST(RequestFields, BadJsonHasLineAndColumn) {
  try {
    server::ParseRequestBody("{\n  \"a\": tru\n}");
    FAIL() << "no error";
  } catch (const server::RequestError& error) {
    EXPECT_EQ(error.status(), 400);
    EXPECT_EQ(error.line(), 2u);
    EXPECT_THAT(error.what(), HasSubstr("$: bad JSON at line 2"));
  }
  EXPECT_TRUE(server::ParseRequestBody("  ").is_object());
}

TEST(Answer, StatusByWhoseFaultItIs) {
  const auto answer = [](const std::function<server::ApiResponse()>& handler) {
    const server::ApiResponse response = server::Answer(handler);
    return std::pair{response.status, nlohmann::json::parse(response.body)["error"]};
  };
  InputError posted{InputErrorKind::kBadSyntax, "$.scenario", 3, 5, "x", "a value"};
  auto [status, error] = answer([&]() -> server::ApiResponse { throw InputException(posted); });
  EXPECT_EQ(status, 400);
  EXPECT_EQ(error["path"], "$.scenario");
  EXPECT_EQ(error["line"], 3);
  EXPECT_EQ(error["column"], 5);
  // The same fault in a loaded case's own file is the data's, not the request's.
  InputError own{InputErrorKind::kBadNumber, "case/ge/panel.csv", 7, 3, "x", "a number"};
  std::tie(status, error) = answer([&]() -> server::ApiResponse { throw InputException(own); });
  EXPECT_EQ(status, 422);
  EXPECT_FALSE(error.contains("path"));
  std::tie(status, error) = answer([]() -> server::ApiResponse { throw Error("no data for DEU exports"); });
  EXPECT_EQ(status, 422);
  EXPECT_EQ(error["message"], "no data for DEU exports");
  std::tie(status, error) = answer([]() -> server::ApiResponse { throw std::logic_error("secret detail"); });
  EXPECT_EQ(status, 500);
  EXPECT_EQ(error["message"], "internal error");
}

}  // namespace
}  // namespace tradeshock::testing
