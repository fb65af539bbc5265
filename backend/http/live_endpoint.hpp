// GET /api/v1/live: the websocket of the live dashboards. The endpoint admits an upgrade (a valid session
// cookie or API token, an Origin of ours — required with a cookie, so that another site's page cannot ride
// a signed-in browser's cookie — and a passed second factor) and hands the connection to a LiveSocket.
// Everything else is refused with a problem before the upgrade.
#pragma once

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <memory>
#include <variant>

#include "http/caller.hpp"
#include "http/limits.hpp"
#include "http/request_guard.hpp"
#include "http/router.hpp"
#include "http/types.hpp"
#include "live/hub.hpp"
#include "service/live_access.hpp"

namespace rudi::http {

inline constexpr const char* kLivePath = "/api/v1/live";

// Close codes of the live websocket (documented in the README).
enum LiveCloseCode : std::uint16_t {
  kCloseLagging = 4000,      // the client fell behind its queue bound: resume from the last seq
  kCloseAccessEnded = 4001,  // signed out, disabled, or the credential no longer valid
};

class LiveEndpoint {
 public:
  LiveEndpoint(Authenticator& authenticator, OriginPolicy origins, service::LiveAccess& access,
               std::shared_ptr<live::Hub> hub, LiveLimits limits)
      : authenticator_(authenticator),
        origins_(std::move(origins)),
        access_(access),
        hub_(std::move(hub)),
        limits_(limits) {}

  // The caller, or the response that refuses the upgrade.
  boost::asio::awaitable<std::variant<Caller, Response>> admit(const Request& request);
  // Whether the credential the socket was opened with still stands for the same principal.
  boost::asio::awaitable<bool> still_valid(const Request& credentials, const auth::Principal& principal);

  service::LiveAccess& access() { return access_; }
  live::Hub& hub() { return *hub_; }
  const LiveLimits& limits() const { return limits_; }
  std::atomic<std::size_t>& open_sockets() { return open_sockets_; }

 private:
  Authenticator& authenticator_;
  OriginPolicy origins_;
  service::LiveAccess& access_;
  std::shared_ptr<live::Hub> hub_;
  LiveLimits limits_;
  std::atomic<std::size_t> open_sockets_{0};
};

bool is_live_upgrade(const Request& request);

// GET /api/v1/live without an upgrade: 426, saying how to ask.
void add_live_route(Router& router);

}  // namespace rudi::http
