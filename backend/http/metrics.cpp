#include "http/metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace rudi::http {

Metrics::Metrics() : registry_(std::make_shared<prometheus::Registry>()) {
  requests_ = &prometheus::BuildCounter()
                   .Name("rudi_http_requests_total")
                   .Help("HTTP requests answered, by route pattern, method and status")
                   .Register(*registry_);
  durations_ = &prometheus::BuildHistogram()
                    .Name("rudi_http_request_duration_seconds")
                    .Help("Time from a request's headers to the end of its response, by route pattern")
                    .Register(*registry_);
  open_connections_ = &prometheus::BuildGauge()
                           .Name("rudi_http_open_connections")
                           .Help("HTTP connections open now")
                           .Register(*registry_)
                           .Add({});
}

Metrics::~Metrics() = default;

void Metrics::connection_opened() {
  open_connections_->Increment();
}
void Metrics::connection_closed() {
  open_connections_->Decrement();
}

void Metrics::observe_request(std::string_view route, std::string_view method, unsigned status,
                              double seconds) {
  requests_
      ->Add({{"route", std::string(route)},
             {"method", std::string(method)},
             {"status", std::to_string(status)}})
      .Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  durations_->Add({{"route", std::string(route)}}, kBuckets).Observe(seconds);
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  auto& gauge =
      prometheus::BuildGauge().Name(std::move(name)).Help(std::move(help)).Register(*registry_).Add({});
  polled_.push_back({&gauge, std::move(read)});
}

std::string Metrics::render() {
  for (auto& polled : polled_) polled.gauge->Set(polled.read());
  return prometheus::TextSerializer().Serialize(registry_->Collect());
}

}  // namespace rudi::http
