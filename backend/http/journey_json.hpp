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
service::CohortDraft cohort_draft_from(BodyFields& f, std::optional<std::int64_t> mission_id);
extern const std::initializer_list<const char*> kCohortFields;
extern const std::initializer_list<const char*> kCohortFixedFields;

// An update's body as a whole record: why it is refused (not an object, or naming fields an update does
// not change), or the current record's fields with the body's over them.
Result<nlohmann::json> merged_update(const nlohmann::json& body, nlohmann::json current,
                                     std::initializer_list<const char*> fixed);
extern const std::initializer_list<const char*> kPersonFields;
// Fields that an update does not change.
extern const std::initializer_list<const char*> kFixedFields;

// The version an If-Match header names ("3" or W/"3"), and the problem when there is none.
std::optional<int> if_match_version(const Request& request);
Problem if_match_required();
// A JSON response carrying the record's version as its ETag.
Response versioned_response(const Request& request, Status status, const nlohmann::json& body, int version);

Result<store::PeopleFilter> people_filter(const std::map<std::string, std::string>& query);
// The same filters for an export, which has no pages: it refuses `after`, `after_name` and `limit`.
Result<store::PeopleFilter> people_export_filter(const std::map<std::string, std::string>& query);

}  // namespace rudi::http
