#include "http/roster_routes.hpp"

#include "http/query.hpp"
#include "http/responses.hpp"
#include "roster/csv_roster.hpp"
#include "roster/report_json.hpp"

namespace rudi::http {
namespace {
namespace asio = boost::asio;

// A yes/no query parameter: true/false, 1/0 or yes/no; absent is no.
Result<bool> flag(const std::map<std::string, std::string>& query, const std::string& name) {
  auto it = query.find(name);
  if (it == query.end()) return false;
  if (it->second == "true" || it->second == "1" || it->second == "yes") return true;
  if (it->second == "false" || it->second == "0" || it->second == "no") return false;
  return Error::invalid("the query parameter " + name + " is not a yes or no",
                        {{"/" + name, "true or false"}});
}

bool is_csv(const Request& request) {
  const auto type = request[beast_http::field::content_type];
  const auto base = type.substr(0, type.find(';'));
  return base == "text/csv" || base == "application/csv";
}

// All or nothing was asked for and rows were rejected: nothing was imported, and the problem lists them.
Problem rejected_problem(const service::ImportReport& report) {
  std::vector<FieldError> fields;
  for (const auto& r : report.rejected) {
    fields.push_back({"/rows/" + std::to_string(r.line) + (r.field.empty() ? "" : "/" + r.field), r.reason});
  }
  return {Status::unprocessable_entity,
          "roster-rejected",
          "Rows of the roster were rejected",
          std::to_string(report.rejected_count) +
              " rows were rejected, so nothing was imported; correct them, or import the other rows with "
              "partial=true",
          std::move(fields),
          {{"report", roster::report_json(report)}}};
}

}  // namespace

void add_roster_routes(Router& router, service::RosterImports& imports, std::string home_nationality) {
  router.add(
      Verb::post, "/api/v1/cohorts/{id}/imports",
      [&imports, home_nationality](RequestContext& c) -> asio::awaitable<Response> {
        auto id = parse_id(c.params.at("id"), "id");
        if (!id) co_return error_response(c.request, id.error());
        if (!is_csv(c.request))
          co_return problem_response(c.request, unsupported_media_type_problem("text/csv"));
        const auto query = query_params(c.request.target());
        auto dry_run = flag(query, "dry_run");
        if (!dry_run) co_return error_response(c.request, dry_run.error());
        auto partial = flag(query, "partial");
        if (!partial) co_return error_response(c.request, partial.error());
        roster::RosterSettings settings;
        settings.home_nationality = home_nationality;
        settings.today = today_utc(std::chrono::system_clock::now());
        if (auto it = query.find("mapping"); it != query.end()) {
          auto mapping = roster::parse_mapping_override(it->second);
          if (!mapping) co_return error_response(c.request, mapping.error());
          settings.mapping = std::move(*mapping);
        }
        roster::CsvRoster source(roster::CsvReader::from_text(c.request.body()), std::move(settings));
        service::ImportOptions options{*dry_run, *partial, "api"};
        auto report = co_await imports.import_roster(c.principal(), *id, source, options, c.request_id);
        if (!report) co_return error_response(c.request, report.error());
        if (!report->dry_run && !report->committed)
          co_return problem_response(c.request, rejected_problem(*report));
        co_return json_response(c.request, report->committed ? Status::created : Status::ok,
                                roster::report_json(*report));
      },
      RouteOptions(BodyKind::none, true, false, true));
}

}  // namespace rudi::http
