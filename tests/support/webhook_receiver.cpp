#include "support/webhook_receiver.hpp"

#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace rudi::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

WebhookReceiver::WebhookReceiver() : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  acceptor_thread_ = std::thread([this] { accept_loop(); });
}

WebhookReceiver::WebhookReceiver(const std::string& cert_file, const std::string& key_file)
    : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)),
      tls_(std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server)) {
  tls_->use_certificate_chain_file(cert_file);
  tls_->use_private_key_file(key_file, asio::ssl::context::pem);
  port_ = acceptor_.local_endpoint().port();
  acceptor_thread_ = std::thread([this] { accept_loop(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  // Wake the blocking accept with one last connection.
  try {
    tcp::socket poke(io_);
    poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  } catch (const std::exception&) {
  }
  acceptor_thread_.join();
  std::vector<std::thread> connections;
  {
    std::lock_guard lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& t : connections) t.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + path;
}

void WebhookReceiver::script(const std::string& path, std::vector<Answer> answers) {
  std::lock_guard lock(mutex_);
  auto& queue = scripts_[path];
  for (auto a : answers) queue.push_back(a);
}

void WebhookReceiver::answer_always(const std::string& path, Answer answer) {
  std::lock_guard lock(mutex_);
  always_[path] = answer;
}

void WebhookReceiver::release_hanging() {
  {
    std::lock_guard lock(mutex_);
    released_ = true;
  }
  changed_.notify_all();
}

std::vector<ReceivedRequest> WebhookReceiver::requests(const std::string& path) const {
  std::lock_guard lock(mutex_);
  std::vector<ReceivedRequest> out;
  for (const auto& r : received_) {
    if (r.path == path) out.push_back(r);
  }
  return out;
}

bool WebhookReceiver::wait_for(const std::string& path, std::size_t count,
                               std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] {
    std::size_t n = 0;
    for (const auto& r : received_) n += r.path == path ? 1 : 0;
    return n >= count;
  });
}

void WebhookReceiver::accept_loop() {
  for (;;) {
    boost::system::error_code ec;
    tcp::socket socket(io_);
    acceptor_.accept(socket, ec);
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (ec) continue;
    connections_.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
  }
}

Answer WebhookReceiver::next_answer(const std::string& path) {
  auto& queue = scripts_[path];
  if (!queue.empty()) {
    const Answer a = queue.front();
    queue.pop_front();
    return a;
  }
  auto always = always_.find(path);
  return always == always_.end() ? Answer::ok : always->second;
}

void WebhookReceiver::serve(tcp::socket socket) {
  try {
    // A read that never completes ends with the receiver, not with the test run.
    timeval limit{10, 0};
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    if (!tls_) {
      exchange(socket);
      boost::system::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      return;
    }
    asio::ssl::stream<tcp::socket&> stream(socket, *tls_);
    stream.handshake(asio::ssl::stream_base::server);
    exchange(stream);
    boost::system::error_code ignored;
    stream.shutdown(ignored);
  } catch (const std::exception&) {
    // the client went away (a timeout on its side, a certificate it does not trust): nothing to answer
  }
}

template <class Stream>
void WebhookReceiver::exchange(Stream& stream) {
  beast::flat_buffer buffer;
  http::request<http::string_body> req;
  http::read(stream, buffer, req);
  ReceivedRequest got;
  got.path = std::string(req.target());
  for (const auto& field : req) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    got.headers[name] = std::string(field.value());
  }
  got.body = req.body();
  got.received_at = std::chrono::system_clock::now();
  Answer answer;
  {
    std::unique_lock lock(mutex_);
    answer = next_answer(got.path);
    received_.push_back(std::move(got));
  }
  changed_.notify_all();
  if (answer == Answer::hang) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return released_ || stopping_; });
    if (stopping_ && !released_) return;
  } else if (answer == Answer::slow) {
    // The receiver's behaviour under test (slowness), not a wait for anything.
    std::this_thread::sleep_for(slow_delay_);
  }
  http::response<http::string_body> res{
      answer == Answer::fail ? http::status::internal_server_error : http::status::ok, 11};
  res.set(http::field::content_type, "text/plain");
  res.body() = answer == Answer::fail ? "failing on purpose" : "ok";
  res.prepare_payload();
  http::write(stream, res);
}

}  // namespace rudi::test
