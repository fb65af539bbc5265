#include "support/live_client.hpp"

#include <algorithm>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

namespace rudi::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;

struct LiveClient::Impl {
  asio::io_context io;
  websocket::stream<asio::ip::tcp::socket> ws{io};
  std::mutex write_mutex;
};

LiveClient::LiveClient(unsigned short port, const Headers& headers, bool start, int receive_buffer)
    : impl_(std::make_unique<Impl>()) {
  auto& ws = impl_->ws;
  auto& socket = beast::get_lowest_layer(ws);
  socket.open(asio::ip::tcp::v4());
  if (receive_buffer) socket.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  ws.set_option(websocket::stream_base::decorator([headers](websocket::request_type& request) {
    for (const auto& [name, value] : headers) request.set(name, value);
  }));
  ws.read_message_max(64 * 1024 * 1024);
  websocket::response_type response;
  beast::error_code ec;
  ws.handshake(response, "127.0.0.1:" + std::to_string(port), "/api/v1/live", ec);
  if (ec) {
    refused_status_ = response.result_int();
    return;
  }
  connected_ = true;
  if (start) start_reading();
}

LiveClient::~LiveClient() {
  if (connected_) {
    beast::error_code ignored;
    {
      std::lock_guard lock(impl_->write_mutex);
      beast::get_lowest_layer(impl_->ws).shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      beast::get_lowest_layer(impl_->ws).close(ignored);
    }
  }
  if (reader_.joinable()) reader_.join();
}

void LiveClient::start_reading() {
  if (!reader_.joinable() && connected_) reader_ = std::thread([this] { read_loop(); });
}

void LiveClient::read_loop() {
  for (;;) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    impl_->ws.read(buffer, ec);
    std::lock_guard lock(mutex_);
    if (ec) {
      closed_ = true;
      close_code_ = impl_->ws.reason().code;
      arrived_.notify_all();
      return;
    }
    inbox_.push_back(nlohmann::json::parse(beast::buffers_to_string(buffer.data()), nullptr, false));
    arrived_.notify_all();
  }
}

void LiveClient::send(const nlohmann::json& message) {
  send_text(message.dump());
}

void LiveClient::send_text(const std::string& text) {
  std::lock_guard lock(impl_->write_mutex);
  beast::error_code ec;
  impl_->ws.write(asio::buffer(text), ec);
}

std::optional<nlohmann::json> LiveClient::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  arrived_.wait_for(lock, timeout, [this] { return !inbox_.empty() || closed_; });
  if (inbox_.empty()) return std::nullopt;
  auto message = std::move(inbox_.front());
  inbox_.pop_front();
  return message;
}

std::optional<nlohmann::json> LiveClient::next_of(const std::vector<std::string>& ops,
                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return std::nullopt;
    auto message = next(left);
    if (!message) return std::nullopt;
    const auto op = message->value("op", "");
    if (std::find(ops.begin(), ops.end(), op) != ops.end()) return message;
    if (op == "event") events_.push_back(std::move(*message));
  }
}

std::optional<nlohmann::json> LiveClient::next_op(const std::string& op, std::chrono::milliseconds timeout) {
  return next_of({op}, timeout);
}

std::optional<std::int64_t> LiveClient::subscribe(const std::vector<std::string>& topics,
                                                  std::optional<std::int64_t> since,
                                                  std::chrono::milliseconds timeout) {
  nlohmann::json message = {{"op", "subscribe"}, {"topics", topics}};
  if (since) message["since"] = *since;
  send(message);
  auto reply = next_of({"subscribed", "error", "reset"}, timeout);
  if (!reply) return std::nullopt;
  if ((*reply)["op"] == "subscribed") return (*reply)["as_of"].get<std::int64_t>();
  last_refusal_ = *reply;
  return std::nullopt;
}

std::optional<unsigned> LiveClient::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (!arrived_.wait_for(lock, timeout, [this] { return closed_; })) return std::nullopt;
  return close_code_;
}

}  // namespace rudi::test
