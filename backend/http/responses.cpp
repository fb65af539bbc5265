#include "http/responses.hpp"

#include <boost/beast/http/field.hpp>

namespace rudi::http {
namespace {

Response base_response(unsigned version, Status status, std::string content_type, std::string body) {
  Response response{status, version};
  response.set(beast_http::field::content_type, content_type);
  // Responses may carry personal data; nothing is to be kept by browsers or proxies.
  response.set(beast_http::field::cache_control, "no-store");
  response.set("X-Content-Type-Options", "nosniff");
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// Invalid UTF-8 (say, quoted back from a client's malformed body) is replaced, never thrown over.
std::string dump(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Response json_response(const Request& request, Status status, const nlohmann::json& body) {
  return base_response(request.version(), status, "application/json", dump(body));
}

Response text_response(const Request& request, Status status, std::string content_type, std::string body) {
  return base_response(request.version(), status, std::move(content_type), std::move(body));
}

Response problem_response(unsigned version, const Problem& problem) {
  return base_response(version, problem.status, kProblemContentType, dump(problem.to_json()));
}

Response problem_response(const Request& request, const Problem& problem) {
  return problem_response(request.version(), problem);
}

Response error_response(const Request& request, const Error& error) {
  return problem_response(request, problem_from(error));
}

Response no_content_response(const Request& request) {
  Response response{Status::no_content, request.version()};
  response.set(beast_http::field::cache_control, "no-store");
  return response;
}

}  // namespace rudi::http
