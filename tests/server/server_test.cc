// `tradeshock serve` in-process: a server on a free loopback port over a small case and a small table written
// out below, asked with httplib's client. Every endpoint once; the numbers against hand calculations; every
// error (bad JSON, too large, unknown field, wrong type, unknown case, a file path in a posted scenario, a slow
// client) answered with its status and the field at fault while the server goes on answering; and every answer
// checked against docs/openapi.json.
#include "server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cli/cli_runner.h"
#include "reference/reference_fixture.h"
#include "server/openapi_check.h"
#include "temp_dir.h"

namespace tradeshock::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// The case, all in USD (no rate enters the arithmetic):
//   2020 trade of CHN: world 1000 = KAZ 500 + USA 300 + RUS 200.
//   2020 exports of CHN: world 600, of which HS 61: 150, HS 84: 300; to the USA 240.
//   2019 exports to the USA 200; January-March 2021 exports to the USA 60.
constexpr char kCaseFlows[] =
    "reporter,partner,flow,product,period,value,currency,unit,source\n"
    "CHN,WLD,trade,TOTAL,2020,1000,USD,unit,total trade\n"
    "CHN,KAZ,trade,TOTAL,2020,500,USD,unit,KAZ trade\n"
    "CHN,USA,trade,TOTAL,2020,300,USD,unit,USA trade\n"
    "CHN,RUS,trade,TOTAL,2020,200,USD,unit,RUS trade\n"
    "CHN,WLD,exports,TOTAL,2020,600,USD,unit,total exports\n"
    "CHN,WLD,exports,61,2020,150,USD,unit,clothing\n"
    "CHN,WLD,exports,84,2020,300,USD,unit,machinery\n"
    "CHN,USA,exports,TOTAL,2020,240,USD,unit,US exports 2020\n"
    "CHN,USA,exports,TOTAL,2019,200,USD,unit,US exports 2019\n"
    "CHN,USA,exports,TOTAL,2021-01..2021-03,60,USD,unit,US exports Jan-Mar 2021\n";

constexpr char kScenario[] =
    "title = \"US ban on CHN\"\n"
    "[[policy]]\n"
    "name = \"ban\"\n"
    "kind = \"ban\"\n"
    "imposed_by = \"USA\"\n"
    "on = \"CHN\"\n"
    "products = \"all\"\n"
    "from = 2021-07-01\n"
    "[nowcast]\n"
    "target = { reporter = \"CHN\", partner = \"USA\", flow = \"exports\", period = \"2021-01..2021-03\" }\n";

// Projected 2021 exports to the USA (120, below) are at most 150: supported; more than 200: contradicted.
constexpr char kClaims[] =
    "[[claim]]\n"
    "id = \"cap\"\n"
    "text = \"exports to the US will not exceed 150 dollars\"\n"
    "metric = \"projected_value\"\n"
    "reporter = \"CHN\"\n"
    "partner = \"USA\"\n"
    "flow = \"exports\"\n"
    "period = \"2021\"\n"
    "comparison = \"not_more_than\"\n"
    "stated = \"150 USD\"\n"
    "\n"
    "[[claim]]\n"
    "id = \"floor\"\n"
    "text = \"exports to the US will be more than 200 dollars\"\n"
    "metric = \"projected_value\"\n"
    "reporter = \"CHN\"\n"
    "partner = \"USA\"\n"
    "flow = \"exports\"\n"
    "period = \"2021\"\n"
    "comparison = \"more_than\"\n"
    "stated = \"200 USD\"\n";

// The table: DEU's exports, 2022: FRA 400, CHN 350, USA 250 of a world total of 1000; 2021: 800.
constexpr char kTable[] =
    "reporter,partner,flow,product,period,value,currency,unit\n"
    "DEU,WLD,exports,TOTAL,2022,1000,USD,unit\n"
    "DEU,FRA,exports,TOTAL,2022,400,USD,unit\n"
    "DEU,CHN,exports,TOTAL,2022,350,USD,unit\n"
    "DEU,USA,exports,TOTAL,2022,250,USD,unit\n"
    "DEU,WLD,exports,TOTAL,2021,800,USD,unit\n";

constexpr std::size_t kMaxBody = 8192;

std::string PathInRepo(const std::string& relative) { return std::string(TRADESHOCK_SOURCE_DIR) + "/" + relative; }

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    dir_->Write("small-case/flows.csv", kCaseFlows);
    dir_->Write("small-case/scenario.toml", kScenario);
    dir_->Write("small-case/claims.toml", kClaims);
    const std::string table = dir_->Write("table.csv", kTable);
    server::ServeOptions options = server::ServeOptions::Defaults();
    options.inputs = {(dir_->path() / "small-case").string(), table};
    options.port = 0;
    options.max_body_bytes = kMaxBody;
    options.request_timeout_seconds = 1;
    options.threads = 4;
    server_ = new server::Server(options, RepoReference());
    port_ = server_->Bind();
    thread_ = new std::thread([] { server_->Listen(); });
    spec_ = new OpenApiCheck(PathInRepo("docs/openapi.json"));
  }
  static void TearDownTestSuite() {
    server_->Stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete dir_;
    delete spec_;
  }

  static httplib::Client Client() {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(10, 0);
    return client;
  }

  // Checks the answer against the spec under `route` and returns its JSON (null for a body that is not JSON).
  static json Checked(const std::string& route, const std::string& method, const httplib::Result& result) {
    EXPECT_TRUE(result) << "no answer from " << method << " " << route;
    if (!result) return nullptr;
    const std::string type = result->get_header_value("Content-Type");
    json body = nullptr;
    if (type.rfind("application/json", 0) == 0) body = json::parse(result->body);
    const std::vector<std::string> faults =
        spec_->Check(route, method, result->status, type, body.is_null() ? nullptr : &body);
    EXPECT_TRUE(faults.empty()) << method << " " << route << " " << result->status << ": "
                                << ::testing::PrintToString(faults);
    return body;
  }
  static json Get(const std::string& target, const std::string& route, int expected_status = 200) {
    const httplib::Result result = Client().Get(target.c_str());
    if (result) {
      EXPECT_EQ(result->status, expected_status) << target << ": " << result->body;
    }
    return Checked(route, "get", result);
  }
  static json Post(const std::string& route, const json& body, int expected_status = 200) {
    return PostText(route, body.dump(), expected_status);
  }
  static json PostText(const std::string& route, const std::string& body, int expected_status = 200) {
    const httplib::Result result = Client().Post(route.c_str(), body, "application/json");
    if (result) {
      EXPECT_EQ(result->status, expected_status) << route << ": " << result->body;
    }
    return Checked(route, "post", result);
  }

  static TempDir* dir_;
  static server::Server* server_;
  static int port_;
  static std::thread* thread_;
  static OpenApiCheck* spec_;
};

TempDir* ServerTest::dir_ = nullptr;
server::Server* ServerTest::server_ = nullptr;
int ServerTest::port_ = 0;
std::thread* ServerTest::thread_ = nullptr;
OpenApiCheck* ServerTest::spec_ = nullptr;

TEST_F(ServerTest, HealthAndNoCorsHeaderByDefault) {
  const httplib::Result result = Client().Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_FALSE(result->has_header("Access-Control-Allow-Origin"));
  const json body = Checked("/healthz", "get", result);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["datasets"], 2);
}

// The dashboard's files are the ones under server/static/, byte for byte, with a CSP that allows only 'self'.
TEST_F(ServerTest, DashboardIsTheStaticFilesWithASelfOnlyPolicy) {
  const std::vector<std::pair<std::string, std::string>> files = {
      {"/", "index.html"}, {"/app.js", "app.js"}, {"/app.css", "app.css"}};
  for (const auto& [route, file] : files) {
    const httplib::Result result = Client().Get(route.c_str());
    ASSERT_TRUE(result) << route;
    EXPECT_EQ(result->status, 200) << route;
    EXPECT_EQ(result->body, ReadWholeFile(RepoPath("server/static/" + file))) << route;
    const std::string csp = result->get_header_value("Content-Security-Policy");
    EXPECT_THAT(csp, HasSubstr("default-src 'self'")) << route;
    EXPECT_THAT(csp, ::testing::Not(HasSubstr("unsafe-inline"))) << route;
  }
  EXPECT_THAT(Client().Get("/")->get_header_value("Content-Type"), HasSubstr("text/html"));
  EXPECT_THAT(Client().Get("/app.js")->get_header_value("Content-Type"), HasSubstr("text/javascript"));
  EXPECT_EQ(Client().Get("/app.png")->status, 404);
}

TEST_F(ServerTest, OpenApiIsTheDocsFile) {
  const json served = Get("/api/v1/openapi.json", "/api/v1/openapi.json");
  EXPECT_EQ(served, spec_->spec());
}

TEST_F(ServerTest, PickersListWhatTheDataHold) {
  const json all = Get("/api/v1/economies", "/api/v1/economies");
  std::set<std::string> codes;
  for (const json& economy : all["economies"]) codes.insert(economy["code"].get<std::string>());
  // The case's CHN, WLD, KAZ, USA, RUS and the table's DEU, FRA.
  EXPECT_EQ(codes, (std::set<std::string>{"CHN", "DEU", "FRA", "KAZ", "RUS", "USA", "WLD"}));
  const json table = Get("/api/v1/economies?data=table", "/api/v1/economies");
  ASSERT_EQ(table["economies"].size(), 5u);  // CHN, DEU, FRA, USA, WLD
  EXPECT_EQ(table["economies"][1]["code"], "DEU");
  EXPECT_EQ(table["economies"][1]["name"], "Germany");
  EXPECT_EQ(table["economies"][1]["kind"], "country");
  EXPECT_EQ(table["economies"][4]["kind"], "world");

  const json products = Get("/api/v1/products?data=small-case", "/api/v1/products");
  ASSERT_EQ(products["products"].size(), 3u);  // 61, 84, TOTAL
  EXPECT_EQ(products["products"][0]["code"], "61");
  EXPECT_EQ(products["products"][0]["name"], RepoReference().FindHs("61")->description);
  EXPECT_EQ(products["products"][2]["name"], "all products");

  const json periods = Get("/api/v1/periods?data=table", "/api/v1/periods");
  EXPECT_EQ(periods["periods"], json::array({"2021", "2022"}));

  const json unknown = Get("/api/v1/periods?data=nope", "/api/v1/periods", 404);
  EXPECT_EQ(unknown["error"]["path"], "?data");
  const json bad_param = Get("/api/v1/periods?dat=table", "/api/v1/periods", 400);
  EXPECT_EQ(bad_param["error"]["path"], "?dat");
}

TEST_F(ServerTest, CasesAndTheirBriefs) {
  const json cases = Get("/api/v1/cases", "/api/v1/cases");
  ASSERT_EQ(cases["cases"].size(), 2u);
  EXPECT_EQ(cases["cases"][0]["name"], "small-case");
  EXPECT_EQ(cases["cases"][0]["kind"], "case");
  EXPECT_EQ(cases["cases"][0]["rows"], 10);
  EXPECT_EQ(cases["cases"][0]["title"], "US ban on CHN");
  EXPECT_EQ(cases["cases"][1]["name"], "table");
  EXPECT_EQ(cases["cases"][1]["kind"], "table");
  EXPECT_EQ(cases["cases"][1]["files"], json::array({"table.csv"}));
  EXPECT_EQ(cases["cases"][1]["brief"], false);

  // At risk: all exports to the USA in 2020, 240; of exports 240 / 600 = 0.4.
  const json brief = Get("/api/v1/cases/small-case/brief", "/api/v1/cases/{name}/brief");
  EXPECT_DOUBLE_EQ(brief["exposure"]["at_risk"].get<double>(), 240.0);
  EXPECT_DOUBLE_EQ(brief["exposure"]["share_of_exports"].get<double>(), 0.4);
  EXPECT_EQ(brief["claims"]["supported"], 1);
  EXPECT_EQ(brief["claims"]["contradicted"], 1);
  EXPECT_EQ(brief["generated_by"]["program"], "tradeshock");

  const httplib::Result markdown = Client().Get("/api/v1/cases/small-case/brief?format=md");
  ASSERT_TRUE(markdown);
  EXPECT_EQ(markdown->status, 200);
  EXPECT_THAT(markdown->body, HasSubstr("US ban on CHN"));
  Checked("/api/v1/cases/{name}/brief", "get", markdown);
  const httplib::Result html = Client().Get("/api/v1/cases/small-case/brief?format=html");
  ASSERT_TRUE(html);
  EXPECT_THAT(html->body, HasSubstr("<html"));
  Checked("/api/v1/cases/{name}/brief", "get", html);

  const json unknown = Get("/api/v1/cases/nope/brief", "/api/v1/cases/{name}/brief", 404);
  EXPECT_THAT(unknown["error"]["message"].get<std::string>(), HasSubstr("no loaded case or table named 'nope'"));
  Get("/api/v1/cases/small-case/brief?format=pdf", "/api/v1/cases/{name}/brief", 400);
  // A table has no scenario, so no brief: 422 with the reason.
  const json table = Get("/api/v1/cases/table/brief", "/api/v1/cases/{name}/brief", 422);
  EXPECT_THAT(table["error"]["message"].get<std::string>(), HasSubstr("no scenario"));
}

TEST_F(ServerTest, IndicatorsByHand) {
  const json body =
      Post("/api/v1/indicators",
           {{"data", "table"}, {"reporter", "DEU"}, {"flow", "exports"}, {"period", "2022"}, {"partner", "USA"}});
  EXPECT_DOUBLE_EQ(body["total"]["value"].get<double>(), 1000.0);
  ASSERT_EQ(body["items"].size(), 3u);
  EXPECT_EQ(body["items"][0]["partner"], "FRA");
  EXPECT_EQ(body["items"][0]["partner_name"], "France");
  EXPECT_DOUBLE_EQ(body["items"][0]["share"].get<double>(), 0.4);
  // HHI = 0.4^2 + 0.35^2 + 0.25^2 = 0.16 + 0.1225 + 0.0625 = 0.345.
  EXPECT_NEAR(body["hhi"]["partners"]["hhi"].get<double>(), 0.345, 1e-12);
  // Dependence on the USA: 250 / 1000.
  EXPECT_DOUBLE_EQ(body["dependence"]["share"].get<double>(), 0.25);
  // Growth 2021 -> 2022: 1000 / 800 - 1 = 0.25.
  EXPECT_DOUBLE_EQ(body["growth"]["growth"].get<double>(), 0.25);
  // top keeps the largest items only.
  const json top = Post("/api/v1/indicators",
                        {{"data", "table"}, {"reporter", "DEU"}, {"flow", "exports"}, {"period", "2022"}, {"top", 1}});
  EXPECT_EQ(top["items"].size(), 1u);
  EXPECT_EQ(top["items_total"], 3);
}

TEST_F(ServerTest, ScenarioOfTheCaseAndPosted) {
  const json own = Post("/api/v1/scenario", {{"data", "small-case"}});
  EXPECT_DOUBLE_EQ(own["exposure"]["at_risk"].get<double>(), 240.0);
  EXPECT_FALSE(own.contains("claims"));
  // Nowcast: no earlier months, so the uniform profile C(3) = 3/12: without the ban 60 / 0.25 = 240; with it,
  // April-June add 240 / 12 = 20 each and July-December nothing: 60 + 3 x 20 = 120.
  EXPECT_NEAR(own["nowcast"]["without_policy"]["central"]["full_year"].get<double>(), 240.0, 1e-9);
  EXPECT_NEAR(own["nowcast"]["with_policy"]["central"]["full_year"].get<double>(), 120.0, 1e-9);

  // A posted scenario stopping half the flow: 240 x 0.5 = 120 at risk, 120 / 600 = 0.2 of exports.
  std::string half = kScenario;
  half.insert(half.find("from ="), "share_stopped = 0.5\n");
  const json posted = Post("/api/v1/scenario", {{"data", "small-case"}, {"scenario", half}});
  EXPECT_DOUBLE_EQ(posted["exposure"]["at_risk"].get<double>(), 120.0);
  EXPECT_DOUBLE_EQ(posted["exposure"]["share_of_exports"].get<double>(), 0.2);
  // The loaded case is unchanged by the posted one.
  const json again = Post("/api/v1/scenario", {{"data", "small-case"}});
  EXPECT_DOUBLE_EQ(again["exposure"]["at_risk"].get<double>(), 240.0);

  // A table has no scenario of its own.
  const json none = Post("/api/v1/scenario", {{"data", "table"}}, 400);
  EXPECT_EQ(none["error"]["path"], "$.scenario");
}

TEST_F(ServerTest, NowcastOfTheScenarioTargetAndPosted) {
  const json own = Post("/api/v1/nowcast", {{"data", "small-case"}});
  EXPECT_NEAR(own["with_policy"]["central"]["full_year"].get<double>(), 120.0, 1e-9);
  EXPECT_EQ(own["months_observed"], 3);
  // The same target posted, with the case's policies: the same 120.
  const json posted = Post(
      "/api/v1/nowcast",
      {{"data", "small-case"}, {"target", {{"reporter", "CHN"}, {"partner", "USA"}, {"period", "2021-01..2021-03"}}}});
  EXPECT_NEAR(posted["with_policy"]["central"]["full_year"].get<double>(), 120.0, 1e-9);
  const json typo =
      Post("/api/v1/nowcast",
           {{"data", "small-case"}, {"target", {{"reporter", "CHN"}, {"partnr", "USA"}, {"period", "2021-01"}}}}, 400);
  EXPECT_EQ(typo["error"]["path"], "$.target.partnr");
  const json no_target = Post("/api/v1/nowcast", {{"data", "table"}}, 400);
  EXPECT_EQ(no_target["error"]["path"], "$.target");
}

TEST_F(ServerTest, ClaimsOfTheCaseAndPosted) {
  const json own = Post("/api/v1/claims", {{"data", "small-case"}});
  EXPECT_EQ(own["supported"], 1);
  EXPECT_EQ(own["contradicted"], 1);
  // A posted claim of the 2020 value, 240 USD, as in the data: supported.
  const std::string claim =
      "[[claim]]\nid = \"us-2020\"\ntext = \"exports to the US were 240 dollars in 2020\"\nmetric = \"value\"\n"
      "reporter = \"CHN\"\npartner = \"USA\"\nflow = \"exports\"\nperiod = \"2020\"\nstated = \"240 USD\"\n";
  const json posted = Post("/api/v1/claims", {{"data", "small-case"}, {"claims", claim}});
  ASSERT_EQ(posted["results"].size(), 1u);
  EXPECT_EQ(posted["results"][0]["status"], "supported");
  EXPECT_DOUBLE_EQ(posted["results"][0]["computed"].get<double>(), 240.0);
  // A fault in the posted claims is located in the field, by line.
  const json bad =
      Post("/api/v1/claims", {{"data", "small-case"}, {"claims", "[[claim]]\nid = \"x\"\nmetric = \"guess\"\n"}}, 400);
  EXPECT_EQ(bad["error"]["path"], "$.claims");
  EXPECT_THAT(bad["error"]["message"].get<std::string>(), HasSubstr("$.claims:"));
}

TEST_F(ServerTest, BriefPosted) {
  std::string half = kScenario;
  half.insert(half.find("from ="), "share_stopped = 0.5\n");
  const json posted = Post("/api/v1/brief", {{"data", "small-case"}, {"scenario", half}});
  EXPECT_DOUBLE_EQ(posted["exposure"]["at_risk"].get<double>(), 120.0);
  const httplib::Result markdown =
      Client().Post("/api/v1/brief", json{{"data", "small-case"}, {"format", "md"}}.dump(), "application/json");
  ASSERT_TRUE(markdown);
  EXPECT_EQ(markdown->status, 200);
  EXPECT_THAT(markdown->body, HasSubstr("US ban on CHN"));
  Checked("/api/v1/brief", "post", markdown);
}

TEST_F(ServerTest, BadJsonIsLocated) {
  // Line 2 is ` "x": }`: the value is missing where '}' stands, column 7.
  const json bad = PostText("/api/v1/indicators", "{\"data\": \"table\",\n \"x\": }", 400);
  EXPECT_EQ(bad["error"]["line"], 2);
  EXPECT_EQ(bad["error"]["column"], 7);
  EXPECT_THAT(bad["error"]["message"].get<std::string>(), HasSubstr("bad JSON at line 2, column 7"));
  const json array = PostText("/api/v1/indicators", "[1, 2]", 400);
  EXPECT_EQ(array["error"]["message"], "$: expected a JSON object, got an array");
}

TEST_F(ServerTest, UnknownFieldsAndWrongTypesNameTheirPath) {
  const json unknown =
      Post("/api/v1/indicators", {{"data", "table"}, {"reporter", "DEU"}, {"period", "2022"}, {"reportr", "DEU"}}, 400);
  EXPECT_EQ(unknown["error"]["path"], "$.reportr");
  EXPECT_THAT(unknown["error"]["message"].get<std::string>(), HasSubstr("$.reportr: unknown field"));
  const json type = Post("/api/v1/indicators", {{"data", "table"}, {"reporter", "DEU"}, {"period", 2022}}, 400);
  EXPECT_EQ(type["error"]["path"], "$.period");
  EXPECT_EQ(type["error"]["message"], "$.period: expected a string, got an integer (2022)");
  const json top =
      Post("/api/v1/indicators", {{"data", "table"}, {"reporter", "DEU"}, {"period", "2022"}, {"top", -1}}, 400);
  EXPECT_EQ(top["error"]["path"], "$.top");
  const json economy = Post("/api/v1/indicators", {{"data", "table"}, {"reporter", "XXX"}, {"period", "2022"}}, 400);
  EXPECT_EQ(economy["error"]["path"], "$.reporter");
  EXPECT_THAT(economy["error"]["message"].get<std::string>(), HasSubstr("unknown economy 'XXX'"));
  const json currency = Post("/api/v1/scenario", {{"data", "small-case"}, {"currency", "usd"}}, 400);
  EXPECT_EQ(currency["error"]["path"], "$.currency");
}

TEST_F(ServerTest, UnknownCaseIsNotFound) {
  const json body = Post("/api/v1/scenario", {{"data", "../small-case"}}, 404);
  EXPECT_EQ(body["error"]["path"], "$.data");
  EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr("loaded: small-case, table"));
}

TEST_F(ServerTest, AnalysisErrorIsUnprocessable) {
  // No row of KAZ as a reporter in the table: the library's own message, 422.
  const json body = Post("/api/v1/indicators", {{"data", "table"}, {"reporter", "KAZ"}, {"period", "2022"}}, 422);
  EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr("KAZ"));
}

TEST_F(ServerTest, PostedScenarioMayNameNoFile) {
  // A file that exists inside the case and one outside: both refused at the key, neither looked at.
  for (const std::string panel : {"flows.csv", "/etc/passwd"}) {
    const std::string scenario = std::string(kScenario) + "[models.ge]\npanel = \"" + panel + "\"\ntheta = 4\n";
    const json body = Post("/api/v1/scenario", {{"data", "small-case"}, {"scenario", scenario}}, 400);
    EXPECT_EQ(body["error"]["path"], "$.scenario");
    EXPECT_EQ(body["error"]["line"], 12);  // the panel's line in the posted text
    EXPECT_EQ(body["error"]["column"], 9);
    EXPECT_THAT(body["error"]["message"].get<std::string>(), HasSubstr("no file path"));
    EXPECT_THAT(body["error"]["message"].get<std::string>(), ::testing::Not(HasSubstr("looked for")));
  }
  // A TOML syntax fault in the posted text is located in it.
  const json syntax = Post("/api/v1/scenario", {{"data", "small-case"}, {"scenario", "title = \n"}}, 400);
  EXPECT_EQ(syntax["error"]["path"], "$.scenario");
  EXPECT_EQ(syntax["error"]["line"], 1);
}

TEST_F(ServerTest, OversizedBodyIs413AndTheServerGoesOn) {
  const std::string big = json{{"data", std::string(kMaxBody + 1, 'x')}}.dump();
  const json body = PostText("/api/v1/indicators", big, 413);
  EXPECT_TRUE(body.contains("error"));
  // Chunked, without a Content-Length: capped as well.
  const httplib::Result chunked = Client().Post(
      "/api/v1/indicators",
      [&big](std::size_t offset, httplib::DataSink& sink) {
        if (offset < big.size()) {
          sink.write(big.data() + offset, std::min<std::size_t>(1024, big.size() - offset));
        } else {
          sink.done();
        }
        return true;
      },
      "application/json");
  ASSERT_TRUE(chunked);
  EXPECT_EQ(chunked->status, 413);
  Get("/healthz", "/healthz");
}

TEST_F(ServerTest, SlowClientIsCutOffAndOthersAreAnswered) {
  const int slow = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(slow, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port_));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(slow, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  const std::string partial = "POST /api/v1/indicators HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"da";
  ASSERT_EQ(::send(slow, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  // While it stalls, another client is answered.
  Get("/healthz", "/healthz");
  // The server gives up on it after its 1 s timeout: the connection is closed (recv gives 0 or an answer then 0).
  const auto start = std::chrono::steady_clock::now();
  timeval wait{5, 0};
  setsockopt(slow, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
  char buffer[4096];
  ssize_t got = 0;
  do {
    got = ::recv(slow, buffer, sizeof(buffer), 0);
  } while (got > 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(slow);
  EXPECT_EQ(got, 0) << "the connection was not closed by the server";
  EXPECT_LT(seconds, 4.0);
  Get("/healthz", "/healthz");
}

TEST_F(ServerTest, ConcurrentRequestsGiveTheSameAnswer) {
  std::vector<std::thread> clients;
  std::atomic<int> right{0};
  for (int client = 0; client < 8; ++client) {
    clients.emplace_back([&right] {
      for (int request = 0; request < 10; ++request) {
        httplib::Client http("127.0.0.1", port_);
        const httplib::Result result =
            http.Post("/api/v1/scenario", json{{"data", "small-case"}}.dump(), "application/json");
        if (result && result->status == 200 && json::parse(result->body)["exposure"]["at_risk"] == 240.0) ++right;
      }
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(right, 80);
}

TEST_F(ServerTest, NoRouteIsAJson404) {
  const httplib::Result result = Client().Get("/api/v1/nothing");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 404);
  EXPECT_THAT(json::parse(result->body)["error"]["message"].get<std::string>(),
              HasSubstr("no route GET /api/v1/nothing"));
}

// Stop() (what SIGTERM calls) closes the listener but lets a request in flight finish: a client that has sent
// half its body when the server is told to stop still gets its answer, and Listen() returns after it.
TEST(ServerStop, DrainsTheRequestInFlight) {
  TempDir dir;
  server::ServeOptions options = server::ServeOptions::Defaults();
  options.inputs = {dir.Write("table.csv", kTable)};
  options.port = 0;
  options.request_timeout_seconds = 5;
  server::Server server(options, RepoReference());
  const int port = server.Bind();
  std::thread listener([&server] { server.Listen(); });

  const int client = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(client, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(client, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  const std::string body = R"({"data": "table", "reporter": "DEU", "flow": "exports", "period": "2022"})";
  const std::string head = "POST /api/v1/indicators HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  const std::string first = head + body.substr(0, 10);
  ASSERT_EQ(::send(client, first.data(), first.size(), 0), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the worker is reading the body
  server.Stop();
  // No new connection is taken once stopped.
  httplib::Client late("127.0.0.1", port);
  late.set_connection_timeout(1, 0);
  EXPECT_FALSE(late.Get("/healthz"));
  const std::string rest = body.substr(10);
  ASSERT_EQ(::send(client, rest.data(), rest.size(), 0), static_cast<ssize_t>(rest.size()));
  std::string answer;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::recv(client, buffer, sizeof(buffer), 0)) > 0) answer.append(buffer, static_cast<std::size_t>(got));
  ::close(client);
  listener.join();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer.substr(0, 200);
  // The total of DEU's 2022 exports, 1000, is in the answer.
  EXPECT_THAT(answer, HasSubstr("\"value\": 1000.0"));
}

// Every route and method of the spec is answered, and its answer matches the spec (CTest runs each test in its
// own process, so this one asks every route itself rather than counting the others).
TEST_F(ServerTest, EveryRouteOfTheSpecIsAnsweredAsItSays) {
  struct Sample {
    std::string method, target, route;
    json body;
  };
  const std::vector<Sample> samples = {
      {"get", "/healthz", "/healthz", nullptr},
      {"get", "/api/v1/openapi.json", "/api/v1/openapi.json", nullptr},
      {"get", "/api/v1/economies", "/api/v1/economies", nullptr},
      {"get", "/api/v1/products", "/api/v1/products", nullptr},
      {"get", "/api/v1/periods", "/api/v1/periods", nullptr},
      {"get", "/api/v1/cases", "/api/v1/cases", nullptr},
      {"get", "/api/v1/cases/small-case/brief", "/api/v1/cases/{name}/brief", nullptr},
      {"post",
       "/api/v1/indicators",
       "/api/v1/indicators",
       {{"data", "table"}, {"reporter", "DEU"}, {"flow", "exports"}, {"period", "2022"}}},
      {"post", "/api/v1/scenario", "/api/v1/scenario", {{"data", "small-case"}}},
      {"post", "/api/v1/nowcast", "/api/v1/nowcast", {{"data", "small-case"}}},
      {"post", "/api/v1/claims", "/api/v1/claims", {{"data", "small-case"}}},
      {"post", "/api/v1/brief", "/api/v1/brief", {{"data", "small-case"}}},
  };
  std::set<std::string> asked;
  for (const Sample& sample : samples) {
    if (sample.method == "get") {
      Get(sample.target, sample.route);
    } else {
      Post(sample.route, sample.body);
    }
    asked.insert(sample.method + " " + sample.route);
  }
  for (const auto& [route, methods] : spec_->spec()["paths"].items()) {
    for (const auto& [method, operation] : methods.items()) {
      EXPECT_TRUE(asked.contains(method + " " + route)) << method << " " << route << " has no sample here";
    }
  }
}

}  // namespace
}  // namespace tradeshock::testing
