// `rudi serve --tls-cert --tls-key` serves HTTPS: a self-signed certificate made here, a client that
// trusts exactly it, and a plain-HTTP client that gets nothing.
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdio>
#include <filesystem>

#include "support/child_process.hpp"
#include "support/http_client.hpp"
#include "support/scratch_database.hpp"

namespace rudi {
namespace {
namespace asio = boost::asio;
namespace beast = boost::beast;

struct Certificate {
  std::filesystem::path dir, cert, key;
  std::string pem;
};

// A self-signed certificate for 127.0.0.1, valid for a day.
Certificate make_certificate() {
  char pattern[] = "/tmp/rudi-tls-XXXXXX";
  Certificate c;
  c.dir = mkdtemp(pattern);
  c.cert = c.dir / "cert.pem";
  c.key = c.dir / "key.pem";
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* x509 = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
  X509_gmtime_adj(X509_getm_notBefore(x509), -60);
  X509_gmtime_adj(X509_getm_notAfter(x509), 24 * 3600);
  X509_set_pubkey(x509, key);
  X509_NAME* name = X509_get_subject_name(x509);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"),
                             -1, -1, 0);
  X509_set_issuer_name(x509, name);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, x509, x509, nullptr, nullptr, 0);
  X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
  X509_add_ext(x509, san, -1);
  X509_EXTENSION_free(san);
  X509_sign(x509, key, EVP_sha256());
  FILE* f = std::fopen(c.cert.c_str(), "w");
  PEM_write_X509(f, x509);
  std::fclose(f);
  f = std::fopen(c.key.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, x509);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  c.pem.assign(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  X509_free(x509);
  EVP_PKEY_free(key);
  return c;
}

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
  const Certificate certificate = make_certificate();
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
  const Certificate other = make_certificate();
  EXPECT_THROW(https_get(serve.port, other.pem, "/healthz"), std::exception);
  std::filesystem::remove_all(certificate.dir);
  std::filesystem::remove_all(other.dir);
}

}  // namespace
}  // namespace rudi
