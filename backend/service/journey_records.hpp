// The journey records' use cases: cohorts, people, moving people along the journey, and the timeline.
// Each runs in one transaction under the principal (row-level security), asks the access policy, writes
// its change, an event and an audit row together, and audits every read of a person's record.
#pragma once

#include <boost/asio/awaitable.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/principal.hpp"
#include "auth/secret_box.hpp"
#include "domain/journey_rules.hpp"
#include "domain/person.hpp"
#include "store/case_repository.hpp"
#include "store/cohort_repository.hpp"
#include "store/consent_repository.hpp"
#include "store/database.hpp"
#include "store/person_repository.hpp"

namespace rudi::service {

struct CohortDraft {
  std::optional<std::int64_t> mission_id;  // embassy officers: their own, implied
  std::string name;
  std::string released_on;
  std::string country;
  std::string locality;
  std::string partners;
  std::string notes;
};

struct Board {
  store::Cohort cohort;
  std::map<std::string, int> counts;  // stage (or on_hold) → people
  std::vector<store::PersonRow> people;
  std::int64_t as_of = 0;  // the event sequence number the board is as of
};

struct PersonView {
  store::PersonRow row;
  std::optional<std::string> document_number;  // opened for roles that may see it
  std::map<std::string, std::string> consent;  // purpose → status in force
  std::vector<store::VictimLink> cases;        // the cases linked now that the caller may see
};

struct ConsentInput {
  std::string purpose;
  std::string status;  // granted, refused, withdrawn
  std::string method;  // verbal, written
  std::string note;
};

struct ConsentView {
  std::map<std::string, std::string> in_force;
  std::vector<store::ConsentRecord> history;
};

struct TransitionInput {
  TransitionRequest request;
  std::string note;
  std::optional<std::string> occurred_at;  // RFC 3339; default now
};

struct TransitionDone {
  TransitionKind kind;
  store::PersonRow person;
};

inline constexpr int kMaxPage = 200;
// The most people one export holds: a bound on what one request takes out at once and holds in memory; a
// larger selection is refused, to be narrowed by its filters.
inline constexpr int kMaxExport = 5000;

class JourneyRecords {
 public:
  JourneyRecords(store::Database& db, const auth::Keyring& keyring) : db_(db), keyring_(keyring) {}

  boost::asio::awaitable<Result<store::Cohort>> create_cohort(auth::Principal who, CohortDraft draft,
                                                              std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::Cohort>>> cohorts(auth::Principal who,
                                                                     std::string request_id);
  boost::asio::awaitable<Result<store::Cohort>> cohort(auth::Principal who, std::int64_t id,
                                                       std::string request_id);
  // Replaces a cohort's fields if it is still at `expected_version` (else 412, nothing written).
  boost::asio::awaitable<Result<store::Cohort>> update_cohort(auth::Principal who, std::int64_t id,
                                                              int expected_version, CohortDraft draft,
                                                              std::string request_id);
  boost::asio::awaitable<Result<Board>> board(auth::Principal who, std::int64_t cohort_id,
                                              std::string request_id);

  // A person who looks like people on record (similar name, same date of birth) is refused with the
  // candidates the caller may see, unless `allow_similar` says the officer has checked.
  boost::asio::awaitable<Result<PersonView>> create_person(auth::Principal who,
                                                           std::optional<std::int64_t> mission_id,
                                                           PersonDraft draft, bool allow_similar,
                                                           std::string request_id);
  boost::asio::awaitable<Result<PersonView>> person(auth::Principal who, std::int64_t id,
                                                    std::string request_id);
  // Replaces the descriptive fields, if the record is still at `expected_version` (else 412, nothing
  // written).
  boost::asio::awaitable<Result<PersonView>> update_person(auth::Principal who, std::int64_t id,
                                                           int expected_version, PersonDraft draft,
                                                           std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::PersonRow>>> people(auth::Principal who,
                                                                       store::PeopleFilter filter,
                                                                       std::string request_id);
  // Every person the filter matches that the caller may see, for an export (no pages: the filter's cursor
  // and page size are ignored); refused as invalid input when more than kMaxExport match, exporting nothing.
  boost::asio::awaitable<Result<std::vector<store::PersonRow>>> export_people(auth::Principal who,
                                                                              store::PeopleFilter filter,
                                                                              std::string request_id);
  boost::asio::awaitable<Result<TransitionDone>> transition(auth::Principal who, std::int64_t id,
                                                            TransitionInput input, std::string request_id);
  // Records a consent decision (withdrawing takes effect at once: the event tells live subscribers).
  boost::asio::awaitable<Result<ConsentView>> record_consent(auth::Principal who, std::int64_t person_id,
                                                             ConsentInput input, std::string request_id);
  boost::asio::awaitable<Result<ConsentView>> consents(auth::Principal who, std::int64_t person_id,
                                                       std::string request_id);
  boost::asio::awaitable<Result<std::vector<store::JourneyStep>>> timeline(auth::Principal who,
                                                                           std::int64_t id,
                                                                           std::string request_id);

 private:
  store::Database& db_;
  const auth::Keyring& keyring_;
};

std::string document_binding(std::int64_t mission_id);

}  // namespace rudi::service
