// A self-signed certificate for 127.0.0.1 (subject alternative name IP:127.0.0.1), valid for a day,
// written as PEM files in a fresh temporary directory: for tests of TLS on loopback.
#pragma once

#include <filesystem>
#include <string>

namespace rudi::test {

struct TestCertificate {
  std::filesystem::path dir, cert, key;
  std::string pem;  // the certificate, as PEM text
};

TestCertificate make_test_certificate();

}  // namespace rudi::test
