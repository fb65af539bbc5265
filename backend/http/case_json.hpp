// How the prosecution's records look in the API: cases, suspects, victims' links and tracks, "also named
// by other victims", duplicate flags; and the reading of case and suspect drafts from request bodies.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "http/body_fields.hpp"
#include "service/case_files.hpp"
#include "service/duplicate_desk.hpp"

namespace rudi::http {

nlohmann::json case_json(const store::CaseRecord& c);
nlohmann::json case_view_json(const service::CaseView& view);
nlohmann::json suspect_json(const store::SuspectRecord& s);
nlohmann::json link_json(const store::VictimLink& link);
nlohmann::json track_json(const std::vector<store::TrackEntry>& entries);
nlohmann::json also_named_json(const service::AlsoNamed& answer);
nlohmann::json duplicate_flag_json(const store::DuplicateFlag& flag);

CaseDraft case_draft_from(BodyFields& f);
SuspectDraft suspect_draft_from(BodyFields& f);
extern const std::initializer_list<const char*> kCaseFields;
extern const std::initializer_list<const char*> kCaseFixedFields;
extern const std::initializer_list<const char*> kSuspectFields;
extern const std::initializer_list<const char*> kSuspectFixedFields;

}  // namespace rudi::http
