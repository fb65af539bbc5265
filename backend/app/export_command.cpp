#include "app/export_command.hpp"

#include <iostream>

#include "app/cli_runtime.hpp"
#include "statistics/publication_format.hpp"
#include "statistics/statistics_exports.hpp"

namespace rudi::app {
namespace {

auth::Principal exporter() {
  auto p = CliRuntime::system(auth::Role::ministry_officer);
  p.username = "export";
  return p;
}

}  // namespace

int run_export_statistics(const Config& config) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) return report_error(runtime.error());
  statistics::StatisticsExports exports((*runtime)->db(), config.statistics.k);
  const auto k = config.exports.k > 0 ? std::optional<std::int64_t>(config.exports.k) : std::nullopt;
  auto publication = (*runtime)->run(exports.tables(exporter(), k, "cli"));
  if (!publication) return report_error(publication.error());
  if (config.exports.format == "json")
    std::cout << statistics::publication_json(*publication).dump(2) << "\n";
  else
    std::cout << statistics::publication_csv(*publication);
  return 0;
}

int run_export_htcds(const Config& config) {
  auto runtime = CliRuntime::open(config);
  if (!runtime) return report_error(runtime.error());
  statistics::StatisticsExports exports((*runtime)->db(), config.statistics.k);
  auto records = (*runtime)->run(exports.htcds_records(exporter(), config.exports.identified, "cli"));
  if (!records) return report_error(records.error());
  for (const auto& record : *records) std::cout << record.dump() << "\n";
  return 0;
}

}  // namespace rudi::app
