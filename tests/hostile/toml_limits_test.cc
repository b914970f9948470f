// Named limits on TOML files (core/toml_limits.h): inputs nested 100000 levels deep, which overflowed the
// stack inside toml++ before the check, and very long arrays give a located error naming the limit.
#include "core/toml_limits.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "reference/reference_fixture.h"
#include "tradeshock/claims.h"
#include "tradeshock/scenario.h"

namespace tradeshock::testing {
namespace {

using ::testing::HasSubstr;
using toml_internal::CheckTomlLimits;
using toml_internal::kMaxTomlArrayLength;
using toml_internal::kMaxTomlDepth;

std::string Repeat(std::string_view piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

constexpr std::size_t kDeep = 100000;

std::string ScenarioError(const std::string& text) {
  try {
    ParseScenario(text, RepoReference(), "deep.toml");
  } catch (const InputException& error) {
    return error.what();
  }
  return "no error";
}

std::string ClaimsError(const std::string& text) {
  try {
    ParseClaims(text, "deep.toml");
  } catch (const ClaimsFileError& error) {
    return error.what();
  }
  return "no error";
}

TEST(TomlLimitsTest, DepthCountsKeyAndArrays) {
  // `a = [[...1...]]`: the key is level 1, each '[' one more. 31 brackets make 32 levels (allowed),
  // 32 brackets make 33 (one over kMaxTomlDepth = 32).
  ASSERT_EQ(kMaxTomlDepth, 32u);
  const auto nested = [](std::size_t n) { return "a = " + Repeat("[", n) + "1" + Repeat("]", n) + "\n"; };
  EXPECT_FALSE(CheckTomlLimits(nested(31), "f.toml"));
  const auto error = CheckTomlLimits(nested(32), "f.toml");
  ASSERT_TRUE(error);
  // The 32nd '[' is character 4 + 32 = 36 of line 1 ("a = " is 4 characters).
  EXPECT_EQ(error->line, 1u);
  EXPECT_EQ(error->column, 36u);
  EXPECT_THAT(error->Message(), HasSubstr("kMaxTomlDepth"));
}

TEST(TomlLimitsTest, DotsInValuesAndStringsAreNotLevels) {
  // 40 floats and a string full of dots and brackets: one key, one array, 2 levels.
  const std::string text = "a = [" + Repeat("1.5, ", 40) + "2.5]\nb = \"" + Repeat(".[{", 50) + "\"\nc = '''\n" +
                           Repeat("[", 50) + "'''\n# " + Repeat("[", 50) + "\n";
  EXPECT_FALSE(CheckTomlLimits(text, "f.toml"));
}

TEST(TomlLimitsTest, DeepArraysInAScenarioAreAnError) {
  const std::string text = "title = " + Repeat("[", kDeep) + Repeat("]", kDeep) + "\n";
  const std::string message = ScenarioError(text);
  EXPECT_THAT(message, HasSubstr("deep.toml:1:"));
  EXPECT_THAT(message, HasSubstr("at most 32 levels"));
}

TEST(TomlLimitsTest, DeepInlineTablesInAScenarioAreAnError) {
  const std::string text = "\n\ntitle = " + Repeat("{a=", kDeep) + "1" + Repeat("}", kDeep) + "\n";
  EXPECT_THAT(ScenarioError(text), HasSubstr("deep.toml:3:"));
}

TEST(TomlLimitsTest, LongDottedKeyInAScenarioIsAnError) {
  std::string text = "a";  // built in steps: GCC 12 warns falsely about "a" + std::string&&
  text += Repeat(".a", kDeep);
  text += " = 1\n";
  EXPECT_THAT(ScenarioError(text), HasSubstr("kMaxTomlDepth"));
}

TEST(TomlLimitsTest, DeepTableHeaderInAClaimsFileIsAnError) {
  const std::string text = "[[claim]]\nid = \"x\"\n[a" + Repeat(".a", kDeep) + "]\n";
  const std::string message = ClaimsError(text);
  EXPECT_THAT(message, HasSubstr("deep.toml:3:"));
  EXPECT_THAT(message, HasSubstr("kMaxTomlDepth"));
}

TEST(TomlLimitsTest, HeaderLevelsAddToKeyLevels) {
  // [a.b] is 2 levels; a key of 30 segments under it makes 32 (allowed), 31 segments make 33.
  const auto text = [](std::size_t segments) { return "[a.b]\nk" + Repeat(".k", segments - 1) + " = 1\n"; };
  EXPECT_FALSE(CheckTomlLimits(text(30), "f.toml"));
  EXPECT_TRUE(CheckTomlLimits(text(31), "f.toml"));
}

TEST(TomlLimitsTest, LongProductsArrayIsAnError) {
  // kMaxTomlArrayLength elements pass; one more is an error at the comma before the extra element.
  const auto text = [](std::size_t n) { return "products = [" + Repeat("\"61\", ", n - 1) + "\"61\"]\n"; };
  EXPECT_FALSE(CheckTomlLimits(text(kMaxTomlArrayLength), "f.toml"));
  const auto error = CheckTomlLimits(text(kMaxTomlArrayLength + 1), "f.toml");
  ASSERT_TRUE(error);
  EXPECT_THAT(error->Message(), HasSubstr("kMaxTomlArrayLength"));
  const std::string scenario = "[[policy]]\nkind = \"ban\"\nproducts = [" + Repeat("\"61\", ", 200000) + "\"61\"]\n";
  EXPECT_THAT(ScenarioError(scenario), HasSubstr("deep.toml:3:"));
}

TEST(TomlLimitsTest, ManyPolicyTablesAreAnError) {
  const std::string text = Repeat("[[policy]]\n", kMaxTomlArrayLength + 1);
  const auto error = CheckTomlLimits(text, "f.toml");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->line, kMaxTomlArrayLength + 1);
}

}  // namespace
}  // namespace tradeshock::testing
