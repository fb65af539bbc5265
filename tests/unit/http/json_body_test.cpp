#include "http/json_body.hpp"

#include <gtest/gtest.h>

namespace rudi::http {
namespace {

Request json_request(std::string body, std::string content_type = "application/json") {
  Request request{Verb::post, "/x", 11};
  request.set(beast_http::field::content_type, content_type);
  request.body() = std::move(body);
  return request;
}

TEST(JsonBody, ParsesAWellFormedDocument) {
  auto parsed = parse_json_body(json_request(R"({"given_name":"Amani","age":23})"));
  ASSERT_TRUE(std::holds_alternative<nlohmann::json>(parsed));
  EXPECT_EQ(std::get<nlohmann::json>(parsed)["age"], 23);
}

TEST(JsonBody, NamesTheByteOffsetOfASyntaxError) {
  auto parsed = parse_json_body(json_request(R"({"a": tru})"));
  ASSERT_TRUE(std::holds_alternative<Problem>(parsed));
  const auto& problem = std::get<Problem>(parsed);
  EXPECT_EQ(static_cast<unsigned>(problem.status), 400u);
  EXPECT_EQ(problem.slug, "invalid-json");
  EXPECT_EQ(problem.extensions["offset"], 9);
}

TEST(JsonBody, RefusesInvalidUtf8) {
  auto parsed = parse_json_body(json_request("{\"name\":\"Ama\xff\"}"));
  ASSERT_TRUE(std::holds_alternative<Problem>(parsed));
  EXPECT_EQ(std::get<Problem>(parsed).slug, "invalid-json");
  EXPECT_EQ(std::get<Problem>(parsed).extensions["offset"], 12);
}

TEST(JsonBody, RefusesAnEmptyBody) {
  auto parsed = parse_json_body(json_request(""));
  ASSERT_TRUE(std::holds_alternative<Problem>(parsed));
  EXPECT_EQ(std::get<Problem>(parsed).slug, "invalid-json");
}

TEST(JsonBody, RefusesDeepNestingBeforeParsing) {
  auto parsed = parse_json_body(json_request(std::string(100000, '[')));
  ASSERT_TRUE(std::holds_alternative<Problem>(parsed));
  EXPECT_EQ(std::get<Problem>(parsed).extensions["offset"], kMaxJsonDepth);
}

TEST(JsonBody, BracketsInsideStringsDoNotCountAsNesting) {
  auto parsed = parse_json_body(json_request("{\"note\":\"" + std::string(200, '[') + "\\\"\"}"));
  EXPECT_TRUE(std::holds_alternative<nlohmann::json>(parsed));
}

TEST(JsonBody, RequiresAJsonContentType) {
  for (const char* type :
       {"text/plain", "application/x-www-form-urlencoded", "", "application/json; charset=latin1"}) {
    auto parsed = parse_json_body(json_request("{}", type));
    ASSERT_TRUE(std::holds_alternative<Problem>(parsed)) << type;
    EXPECT_EQ(static_cast<unsigned>(std::get<Problem>(parsed).status), 415u) << type;
  }
  for (const char* type : {"application/json", "Application/JSON", "application/json; charset=utf-8",
                           "application/json;charset=\"UTF-8\""}) {
    EXPECT_TRUE(std::holds_alternative<nlohmann::json>(parse_json_body(json_request("{}", type)))) << type;
  }
}

}  // namespace
}  // namespace rudi::http
