// The /api/v1/cohorts routes: list, create, read, update (If-Match) and the board.
#include "http/journey_routes.hpp"

#include "http/body_fields.hpp"
#include "http/journey_json.hpp"
#include "http/query.hpp"
#include "http/responses.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;
}  // namespace

void add_cohort_routes(Router& router, service::JourneyRecords& records) {
  router.add(
      Verb::get, "/api/v1/cohorts",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto cohorts = co_await records.cohorts(c.principal(), c.request_id);
        if (!cohorts) co_return error_response(c.request, cohorts.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& cohort : *cohorts) items.push_back(cohort_json(cohort));
        co_return json_response(c.request, Status::ok, {{"items", items}});
      },
      signed_in());

  router.add(
      Verb::post, "/api/v1/cohorts",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        BodyFields f(*c.body,
                     {"mission_id", "name", "released_on", "country", "locality", "partners", "notes"});
        const service::CohortDraft draft = cohort_draft_from(f, f.optional_id("mission_id"));
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto cohort = co_await records.create_cohort(c.principal(), draft, c.request_id);
        if (!cohort) co_return error_response(c.request, cohort.error());
        co_return json_response(c.request, Status::created, cohort_json(*cohort));
      },
      signed_in_idempotent());

  router.add(
      Verb::get, "/api/v1/cohorts/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto cohort = co_await records.cohort(c.principal(), *id, c.request_id);
        if (!cohort) co_return error_response(c.request, cohort.error());
        co_return versioned_response(c.request, Status::ok, cohort_json(*cohort), cohort->version);
      },
      signed_in());

  router.add(
      Verb::patch, "/api/v1/cohorts/{id}",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        const auto version = if_match_version(c.request);
        if (!version) co_return problem_response(c.request, if_match_required());
        auto current = co_await records.cohort(c.principal(), *id, c.request_id);
        if (!current) co_return error_response(c.request, current.error());
        auto merged = merged_update(*c.body, cohort_json(*current), kCohortFixedFields);
        if (!merged) co_return error_response(c.request, merged.error());
        BodyFields f(*merged, kCohortFields);
        const service::CohortDraft draft = cohort_draft_from(f, std::nullopt);
        if (!f.ok()) co_return error_response(c.request, f.error());
        auto updated = co_await records.update_cohort(c.principal(), *id, *version, draft, c.request_id);
        if (!updated) co_return error_response(c.request, updated.error());
        co_return versioned_response(c.request, Status::ok, cohort_json(*updated), updated->version);
      },
      signed_in(BodyKind::json));

  router.add(
      Verb::get, "/api/v1/cohorts/{id}/board",
      [&records](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        auto board = co_await records.board(c.principal(), *id, c.request_id);
        if (!board) co_return error_response(c.request, board.error());
        nlohmann::json counts = nlohmann::json::object();
        for (const auto& info : stage_table()) counts[std::string(info.name)] = 0;
        counts["on_hold"] = 0;
        for (const auto& [stage, n] : board->counts) counts[stage] = n;
        nlohmann::json people = nlohmann::json::array();
        for (const auto& p : board->people) people.push_back(card_json(p));
        co_return json_response(c.request, Status::ok,
                                {{"cohort", cohort_json(board->cohort)},
                                 {"counts", counts},
                                 {"people", people},
                                 {"as_of", board->as_of}});
      },
      signed_in());
}

}  // namespace rudi::http
