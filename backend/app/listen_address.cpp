#include "app/listen_address.hpp"

#include <boost/asio/ip/address.hpp>
#include <charconv>

namespace rudi::app {

Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return Error::invalid("expected host:port, e.g. 127.0.0.1:8080");
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host == "localhost") host = "127.0.0.1";
  unsigned port = 0;
  const auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return Error::invalid("the port must be a number from 0 to 65535");
  }
  boost::system::error_code address_ec;
  const auto address = boost::asio::ip::make_address(std::string(host), address_ec);
  if (address_ec) {
    std::string reason(host);
    reason.append(" is not an IP address");
    return Error::invalid(std::move(reason));
  }
  return boost::asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

}  // namespace rudi::app
