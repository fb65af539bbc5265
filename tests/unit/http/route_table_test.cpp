#include "http/route_table.hpp"

#include <gtest/gtest.h>

namespace rudi::http {
namespace {

using Table = RouteTable<int>;

Table people_routes() {
  Table table;
  table.add(Verb::get, "/api/v1/people", 1);
  table.add(Verb::post, "/api/v1/people", 2);
  table.add(Verb::get, "/api/v1/people/{id}", 3);
  table.add(Verb::post, "/api/v1/people/{id}/transitions", 4);
  table.add(Verb::get, "/healthz", 5);
  return table;
}

TEST(RouteTable, MatchesLiteralPathsByMethod) {
  const auto table = people_routes();
  auto get = table.match(Verb::get, "/api/v1/people");
  ASSERT_TRUE(std::holds_alternative<Table::Found>(get));
  EXPECT_EQ(*std::get<Table::Found>(get).value, 1);
  auto post = table.match(Verb::post, "/api/v1/people");
  ASSERT_TRUE(std::holds_alternative<Table::Found>(post));
  EXPECT_EQ(*std::get<Table::Found>(post).value, 2);
}

TEST(RouteTable, CapturesParametersAndIgnoresTheQueryString) {
  const auto table = people_routes();
  auto match = table.match(Verb::post, "/api/v1/people/4711/transitions?dry=1");
  ASSERT_TRUE(std::holds_alternative<Table::Found>(match));
  const auto& found = std::get<Table::Found>(match);
  EXPECT_EQ(*found.value, 4);
  EXPECT_EQ(found.pattern, "/api/v1/people/{id}/transitions");
  EXPECT_EQ(found.params.at("id"), "4711");
}

TEST(RouteTable, DecodesPercentEscapesInParameters) {
  const auto table = people_routes();
  auto match = table.match(Verb::get, "/api/v1/people/a%2Fb%20c");
  ASSERT_TRUE(std::holds_alternative<Table::Found>(match));
  EXPECT_EQ(std::get<Table::Found>(match).params.at("id"), "a/b c");
}

TEST(RouteTable, RefusesMalformedEscapesAndNulBytes) {
  const auto table = people_routes();
  EXPECT_TRUE(std::holds_alternative<Table::BadPath>(table.match(Verb::get, "/api/v1/people/%zz")));
  EXPECT_TRUE(std::holds_alternative<Table::BadPath>(table.match(Verb::get, "/api/v1/people/%4")));
  EXPECT_TRUE(std::holds_alternative<Table::BadPath>(table.match(Verb::get, "/api/v1/people/a%00")));
}

TEST(RouteTable, ReportsTheMethodsAPathTakes) {
  const auto table = people_routes();
  auto match = table.match(Verb::delete_, "/api/v1/people");
  ASSERT_TRUE(std::holds_alternative<Table::MethodNotAllowed>(match));
  const auto& allowed = std::get<Table::MethodNotAllowed>(match).allowed;
  EXPECT_EQ(allowed, (std::vector<Verb>{Verb::get, Verb::post}));
}

TEST(RouteTable, UnknownPathsAreNotFound) {
  const auto table = people_routes();
  EXPECT_TRUE(std::holds_alternative<Table::NotFound>(table.match(Verb::get, "/api/v1/peoples")));
  EXPECT_TRUE(std::holds_alternative<Table::NotFound>(table.match(Verb::get, "/api/v1/people/")));
  EXPECT_TRUE(std::holds_alternative<Table::NotFound>(table.match(Verb::get, "/api/v1/people/1/2")));
  EXPECT_TRUE(std::holds_alternative<Table::NotFound>(table.match(Verb::get, "/")));
}

TEST(RouteTable, RefusesTargetsThatAreNotAbsolutePaths) {
  const auto table = people_routes();
  EXPECT_TRUE(std::holds_alternative<Table::BadPath>(table.match(Verb::get, "http://example.org/healthz")));
  EXPECT_TRUE(std::holds_alternative<Table::BadPath>(table.match(Verb::get, "*")));
}

}  // namespace
}  // namespace rudi::http
