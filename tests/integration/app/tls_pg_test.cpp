// `rudi serve --tls-cert --tls-key` serves HTTPS: a self-signed certificate made here, a client that
// trusts exactly it, and a plain-HTTP client that gets nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <filesystem>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/scratch_database.hpp"
#include "support/test_certificate.hpp"

namespace rudi {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;

unsigned https_get(unsigned short port, const std::string& trusted_pem, const std::string& target) {
  asio::io_context io;
  asio::ssl::context ctx(asio::ssl::context::tls_client);
  ctx.add_certificate_authority(asio::buffer(trusted_pem));
  ctx.set_verify_mode(asio::ssl::verify_peer);
  beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
  stream.set_verify_callback(asio::ssl::host_name_verification("127.0.0.1"));
  beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(10));
  beast::get_lowest_layer(stream).connect({asio::ip::make_address("127.0.0.1"), port});
  stream.handshake(asio::ssl::stream_base::client);
  beast::http::request<beast::http::string_body> request{beast::http::verb::get, target, 11};
  request.set(beast::http::field::host, "127.0.0.1");
  beast::http::write(stream, request);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::http::read(stream, buffer, response);
  return response.result_int();
}

TEST(Tls, ServesHttpsWithTheGivenCertificate) {
  if (!test::database_available()) GTEST_FAIL() << "no test database: run the tests through ./ops/test";
  const test::TestCertificate certificate = test::make_test_certificate();
  test::ScratchDatabase db;
  auto serve =
      test::start_serve(db.app_url(), {"--tls-cert", certificate.cert, "--tls-key", certificate.key});
  ASSERT_NE(serve.port, 0) << serve.process->output();
  EXPECT_NE(serve.process->output().find("https://"), std::string::npos);

  EXPECT_EQ(https_get(serve.port, certificate.pem, "/healthz"), 200u);
  EXPECT_EQ(https_get(serve.port, certificate.pem, "/readyz"), 200u);
  EXPECT_EQ(https_get(serve.port, certificate.pem, "/api/v1/me"), 401u);

  // Plain HTTP to the TLS port gets no HTTP answer.
  auto plain =
      test::raw_exchange(serve.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds(15));
  EXPECT_EQ(test::status_of(plain.received), 0u);
  // A client that trusts another certificate refuses the server.
  const test::TestCertificate other = test::make_test_certificate();
  EXPECT_THROW(https_get(serve.port, other.pem, "/healthz"), std::exception);
  std::filesystem::remove_all(certificate.dir);
  std::filesystem::remove_all(other.dir);
}

}  // namespace
}  // namespace rudi
