#include "support/records.hpp"

#include <gtest/gtest.h>

namespace rudi::test {
namespace {

// A fixture's own fields with the test's merged in; anything but an object is the test's mistake.
nlohmann::json merged(nlohmann::json defaults, const nlohmann::json& fields) {
  EXPECT_TRUE(fields.is_object()) << "fields to merge must be an object: " << fields.dump();
  defaults.merge_patch(fields);
  return defaults;
}

std::int64_t created_id(const HttpReply& reply) {
  EXPECT_EQ(reply.status, 201u) << reply.body;
  return reply.json().value("id", std::int64_t{0});
}

}  // namespace

std::int64_t make_cohort(ApiClient& client, const nlohmann::json& fields) {
  const nlohmann::json defaults = {{"name", "Myawaddy release"},
                                   {"released_on", "2025-02-12"},
                                   {"country", "MM"},
                                   {"locality", "Myawaddy → Mae Sot"}};
  return created_id(client.post("/api/v1/cohorts", merged(defaults, fields)));
}

std::int64_t make_person(ApiClient& client, std::optional<std::int64_t> cohort,
                         const nlohmann::json& fields) {
  nlohmann::json defaults = {
      {"given_name", "Neema"}, {"family_name", "Wafula"}, {"estimated_age", 27}, {"stage", "located"}};
  if (cohort) defaults["cohort_id"] = *cohort;
  return created_id(client.post("/api/v1/people", merged(defaults, fields)));
}

}  // namespace rudi::test
