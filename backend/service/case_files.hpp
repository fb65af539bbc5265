// The prosecution's use cases: cases and their prosecutors, suspects and recruiters, linking victims (only
// with their consent to share with the prosecution), each victim's prosecution track, and "who else named
// this recruiter". Each runs in one transaction under the principal (row-level security), asks the access
// policy, and writes its change, an event and an audit row together.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "domain/case_file.hpp"
#include "store/case_repository.hpp"
#include "store/database.hpp"
#include "store/suspect_repository.hpp"

namespace rudi::service {

struct CaseView {
  store::CaseRecord record;
  std::vector<store::VictimLink> victims;  // linked now, and visible to the caller
  std::vector<store::SuspectRecord> suspects;
};

struct LinkInput {
  std::int64_t person_id = 0;
  std::string role;  // complainant or witness
  std::string note;
};

struct StepInput {
  std::string step;
  std::optional<std::string> outcome;
  std::string note;
  std::optional<std::string> occurred_at;  // RFC 3339; default now
};

// A suspect's thread across cases: the matches the caller may see, and how many victims and cases it
// reaches in all (the caller learns the numbers beyond its scope, never who or which).
struct AlsoNamed {
  store::SuspectRecord suspect;
  std::vector<store::SuspectMatch> matches;
  std::int64_t visible_victims = 0, victims_beyond = 0;
  std::int64_t visible_cases = 0, cases_beyond = 0;
};

class CaseFiles {
 public:
  explicit CaseFiles(store::Database& db) : db_(db) {}

  // The creating prosecutor is always assigned; `prosecutors` may add colleagues.
  boost::asio::awaitable<Result<CaseView>> create_case(auth::Principal who, CaseDraft draft,
                                                       std::vector<std::int64_t> prosecutors,
                                                       std::string request_id);
  // A page of the cases the caller may see, newest first, before the case `before_id` (0: the newest).
  boost::asio::awaitable<Result<std::vector<store::CaseRecord>>> cases(auth::Principal who,
                                                                       std::int64_t before_id, int limit,
                                                                       std::string request_id);
  boost::asio::awaitable<Result<CaseView>> case_file(auth::Principal who, std::int64_t id,
                                                     std::string request_id);
  // Replaces the case's fields (and its prosecutors, when given) if it is still at `expected_version`.
  boost::asio::awaitable<Result<CaseView>> update_case(auth::Principal who, std::int64_t id,
                                                       int expected_version, CaseDraft draft,
                                                       std::optional<std::vector<std::int64_t>> prosecutors,
                                                       std::string request_id);

  boost::asio::awaitable<Result<store::SuspectRecord>> add_suspect(auth::Principal who, std::int64_t case_id,
                                                                   SuspectDraft draft,
                                                                   std::string request_id);
  boost::asio::awaitable<Result<store::SuspectRecord>> suspect(auth::Principal who, std::int64_t id,
                                                               std::string request_id);
  boost::asio::awaitable<Result<store::SuspectRecord>> update_suspect(auth::Principal who, std::int64_t id,
                                                                      int expected_version,
                                                                      SuspectDraft draft,
                                                                      std::string request_id);
  boost::asio::awaitable<Result<AlsoNamed>> also_named(auth::Principal who, std::int64_t suspect_id,
                                                       std::string request_id);

  boost::asio::awaitable<Result<store::VictimLink>> link_victim(auth::Principal who, std::int64_t case_id,
                                                                LinkInput input, std::string request_id);
  boost::asio::awaitable<Result<Unit>> unlink_victim(auth::Principal who, std::int64_t case_id,
                                                     std::int64_t person_id, std::string reason,
                                                     std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::TrackEntry>>> record_step(auth::Principal who,
                                                                             std::int64_t case_id,
                                                                             std::int64_t person_id,
                                                                             StepInput input,
                                                                             std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::TrackEntry>>> track(auth::Principal who,
                                                                       std::int64_t case_id,
                                                                       std::int64_t person_id,
                                                                       std::string request_id);

 private:
  store::Database& db_;
};

}  // namespace rudi::service
