// "host:port" and "[v6]:port" into an endpoint.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <string_view>

#include "domain/result.hpp"

namespace rudi::app {

Result<boost::asio::ip::tcp::endpoint> parse_listen_address(std::string_view text);

}  // namespace rudi::app
