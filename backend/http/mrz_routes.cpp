#include "http/mrz_routes.hpp"

#include "http/body_fields.hpp"
#include "http/responses.hpp"
#include "mrz/parser.hpp"

namespace rudi::http {
namespace {

const char* format_name(mrz::Format format) {
  return format == mrz::Format::td3 ? "TD3" : "TD1";
}

nlohmann::json optional_text(const std::optional<std::string>& text) {
  return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
}

nlohmann::json document_json(const mrz::ReadDocument& read) {
  const mrz::Zone& z = read.zone;
  const mrz::PersonFields& p = read.person;
  return {{"format", format_name(z.format)},
          {"person",
           {{"given_name", p.given_name},
            {"family_name", p.family_name},
            {"date_of_birth", optional_text(p.date_of_birth)},
            {"sex", p.sex},
            {"nationality", optional_text(p.nationality)},
            {"document_kind", p.document_kind},
            {"document_number", p.document_number}}},
          {"mrz",
           {{"document_code", z.document_code},
            {"issuing_state", z.issuing_state},
            {"surname", z.surname},
            {"given_names", z.given_names},
            {"document_number", z.document_number},
            {"nationality", z.nationality},
            {"date_of_birth", z.date_of_birth_text},
            {"sex", std::string(1, z.sex)},
            {"date_of_expiry", z.date_of_expiry_text},
            {"expiry_date", mrz::iso_date(z.date_of_expiry)},
            {"optional_data", z.optional_data},
            {"optional_data_2", z.optional_data_2}}},
          {"expired", p.expired},
          {"notes", p.notes}};
}

}  // namespace

void add_mrz_routes(Router& router, mrz::MrzReading& reading) {
  router.add(
      Verb::post, "/api/v1/mrz/parse",
      [&reading](RequestContext& c) -> boost::asio::awaitable<Response> {
        BodyFields f(*c.body, {"mrz"});
        std::string text = f.required_string("mrz", mrz::kMaxZoneText);
        if (!f.ok()) co_return error_response(c.request, f.error("the machine-readable zone cannot be read"));
        auto read = co_await reading.read(c.principal(), std::move(text), c.request_id);
        if (!read) co_return error_response(c.request, read.error());
        co_return json_response(c.request, Status::ok, document_json(*read));
      },
      signed_in(BodyKind::json));
}

}  // namespace rudi::http
