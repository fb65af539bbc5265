// How journey records look in the API: JSON of cohorts, board cards, people, timeline steps and consent,
// and the reading of request parts that several routes share (drafts, If-Match, people filters).
#pragma once

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "http/body_fields.hpp"
#include "http/problem.hpp"
#include "http/types.hpp"
#include "service/journey_records.hpp"

namespace rudi::http {

nlohmann::json cohort_json(const store::Cohort& c);
nlohmann::json card_json(const store::PersonRow& p);
nlohmann::json person_json(const service::PersonView& view);
nlohmann::json consent_json(const service::ConsentView& view);
nlohmann::json step_json(const store::JourneyStep& s);

PersonDraft draft_from(BodyFields& f);
extern const std::initializer_list<const char*> kPersonFields;
// Fields that an update does not change.
extern const std::initializer_list<const char*> kFixedFields;

// The version an If-Match header names ("3" or W/"3"), and the problem when there is none.
std::optional<int> if_match_version(const Request& request);
Problem if_match_required();
// A JSON response carrying the record's version as its ETag.
Response versioned_response(const Request& request, Status status, const nlohmann::json& body, int version);

Result<store::PeopleFilter> people_filter(const std::map<std::string, std::string>& query);

}  // namespace rudi::http
