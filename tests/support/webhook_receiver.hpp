// A webhook receiver for tests: a small HTTP server on a loopback port that records every request it gets
// and answers as a test tells it, per path: 200, 500, no answer at all until released (hang), or 200 after
// a delay (slow). Each connection has a thread of its own, so that one hanging request holds no other.
// Tests wait on what it records (wait_for), never on the clock.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace rudi::test {

struct ReceivedRequest {
  std::string path;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::chrono::system_clock::time_point received_at;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

enum class Answer { ok, fail, hang, slow };

class WebhookReceiver {
 public:
  WebhookReceiver();
  // Serves HTTPS with this certificate and key (PEM files) instead of plain HTTP.
  WebhookReceiver(const std::string& cert_file, const std::string& key_file);
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  std::string url(const std::string& path) const;
  // How the next requests to `path` are answered, in order; after them, `then` (200 unless set).
  void script(const std::string& path, std::vector<Answer> answers);
  void answer_always(const std::string& path, Answer answer);
  void set_slow_delay(std::chrono::milliseconds delay) { slow_delay_ = delay; }
  // Lets every hanging request go (answered 200).
  void release_hanging();

  std::vector<ReceivedRequest> requests(const std::string& path) const;
  // Waits until `path` has received at least `count` requests; false after `timeout`.
  bool wait_for(const std::string& path, std::size_t count, std::chrono::milliseconds timeout) const;

 private:
  void accept_loop();
  void serve(boost::asio::ip::tcp::socket socket);
  template <class Stream>
  void exchange(Stream& stream);
  Answer next_answer(const std::string& path);

  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::unique_ptr<boost::asio::ssl::context> tls_;  // set: HTTPS
  unsigned short port_ = 0;
  std::chrono::milliseconds slow_delay_{200};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::map<std::string, std::deque<Answer>> scripts_;
  std::map<std::string, Answer> always_;
  std::vector<ReceivedRequest> received_;
  bool released_ = false;
  bool stopping_ = false;
  std::thread acceptor_thread_;
  std::vector<std::thread> connections_;
};

}  // namespace rudi::test
