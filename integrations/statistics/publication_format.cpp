#include "statistics/publication_format.hpp"

namespace rudi::statistics {

nlohmann::json publication_json(const Publication& publication) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& table : publication.tables) {
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& cell : table.cells) {
      if (cell.withheld)
        cells.push_back({{"value", cell.value}, {"count", nullptr}, {"suppressed", true}});
      else
        cells.push_back({{"value", cell.value}, {"count", cell.count}, {"suppressed", false}});
    }
    tables.push_back({{"name", table.name}, {"partition", table.partition}, {"cells", cells}});
  }
  return {{"k", publication.k},
          {"people", publication.people ? nlohmann::json(*publication.people) : nlohmann::json(nullptr)},
          {"tables", tables}};
}

std::string publication_csv(const Publication& publication) {
  // Every value is one of Rudi's own names or an ISO code: no quoting is needed.
  std::string csv = "table,value,count\n";
  csv += "people,total," + (publication.people ? std::to_string(*publication.people) : "suppressed") + "\n";
  for (const auto& table : publication.tables)
    for (const auto& cell : table.cells)
      csv += table.name + "," + cell.value + "," +
             (cell.withheld ? "suppressed" : std::to_string(cell.count)) + "\n";
  return csv;
}

}  // namespace rudi::statistics
