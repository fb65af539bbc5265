#include "http/problem.hpp"

#include <gtest/gtest.h>

#include "http/responses.hpp"

namespace rudi::http {
namespace {

TEST(Problem, EveryErrorKindHasOneStableTypeAndStatus) {
  const std::vector<std::pair<ErrorKind, unsigned>> expected{
      {ErrorKind::invalid_input, 422}, {ErrorKind::unauthenticated, 401},
      {ErrorKind::forbidden, 403},     {ErrorKind::not_found, 404},
      {ErrorKind::conflict, 409},      {ErrorKind::precondition_failed, 412},
      {ErrorKind::rate_limited, 429},  {ErrorKind::unavailable, 503},
      {ErrorKind::internal, 500},      {ErrorKind::possible_duplicate, 409}};
  for (const auto& [kind, status] : expected) {
    const Problem problem = problem_from(Error{kind, "detail", {}, {}});
    EXPECT_EQ(static_cast<unsigned>(problem.status), status) << to_string(kind);
    EXPECT_EQ(problem.slug, to_string(kind));
  }
}

TEST(Problem, FieldErrorsBecomeJsonPointers) {
  const Problem problem = problem_from(
      Error::invalid("two fields are wrong", {{"/given_name", "is required"}, {"/age", "must be positive"}}));
  const auto body = problem.to_json();
  EXPECT_EQ(body["type"], "urn:rudi:problem:invalid-input");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "two fields are wrong");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["pointer"], "#/given_name");
  EXPECT_EQ(body["errors"][0]["detail"], "is required");
}

TEST(Problem, InternalErrorsDoNotLeakTheirDetail) {
  const Problem problem = problem_from(Error::internal("relation people: duplicate key (A1234567)"));
  EXPECT_EQ(problem.to_json().dump().find("A1234567"), std::string::npos);
}

TEST(Problem, ResponsesCarryTheProblemContentTypeAndNoStore) {
  const Response response = problem_response(11, invalid_json_problem(7, "invalid JSON at byte 7"));
  EXPECT_EQ(response.result_int(), 400u);
  EXPECT_EQ(response[beast_http::field::content_type], "application/problem+json");
  EXPECT_EQ(response[beast_http::field::cache_control], "no-store");
  EXPECT_EQ(nlohmann::json::parse(response.body())["offset"], 7);
}

}  // namespace
}  // namespace rudi::http
