// Prometheus metrics of the transport: requests by route and status, latency, open connections, and
// gauges that other layers report through callbacks (the database pool), rendered as text for /metrics.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace prometheus {
class Registry;
class Gauge;
template <typename T>
class Family;
class Counter;
class Histogram;
}  // namespace prometheus

namespace rudi::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();

  void connection_opened();
  void connection_closed();
  void observe_request(std::string_view route, std::string_view method, unsigned status, double seconds);

  // A gauge whose value is read when metrics are rendered.
  void add_gauge(std::string name, std::string help, std::function<double()> read);

  std::string render();

 private:
  std::shared_ptr<prometheus::Registry> registry_;
  prometheus::Family<prometheus::Counter>* requests_;
  prometheus::Family<prometheus::Histogram>* durations_;
  prometheus::Gauge* open_connections_;
  struct PolledGauge {
    prometheus::Gauge* gauge;
    std::function<double()> read;
  };
  std::vector<PolledGauge> polled_;
};

}  // namespace rudi::http
