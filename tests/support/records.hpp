// Records made over the API as the integration tests' starting points: a cohort and a person with
// invented, plausible fields, which a test adds to or overrides with only what it is about.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

#include "support/api_client.hpp"

namespace rudi::test {

// A cohort released from Myawaddy on 2025-02-12. `fields` are merged in (RFC 7386: a null removes one);
// an embassy officer's cohort is their mission's, another caller names `mission_id`.
std::int64_t make_cohort(ApiClient& client, const nlohmann::json& fields = nlohmann::json::object());

// Neema Wafula, 27, located, in `cohort` when there is one. `fields` are merged in as above.
std::int64_t make_person(ApiClient& client, std::optional<std::int64_t> cohort,
                         const nlohmann::json& fields = nlohmann::json::object());

}  // namespace rudi::test
