#include "roster/report_json.hpp"

namespace rudi::roster {

nlohmann::json report_json(const service::ImportReport& r) {
  nlohmann::json existing = nlohmann::json::array();
  for (const auto& e : r.existing)
    existing.push_back(
        {{"line", e.line}, {"person_id", e.person_id ? nlohmann::json(*e.person_id) : nlohmann::json()}});
  nlohmann::json rejected = nlohmann::json::array();
  for (const auto& e : r.rejected)
    rejected.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}});
  nlohmann::json others = nlohmann::json::object();
  for (const auto& [code, n] : r.other_nationalities) others[code] = n;
  return {{"import_id", r.import_id ? nlohmann::json(*r.import_id) : nlohmann::json()},
          {"cohort_id", r.cohort_id},
          {"dry_run", r.dry_run},
          {"partial", r.partial},
          {"committed", r.committed},
          {"rows", r.rows},
          {"imported", r.imported},
          {"existing_count", r.existing_count},
          {"existing", existing},
          {"rejected_count", r.rejected_count},
          {"rejected", rejected},
          {"other_nationalities", others},
          {"ignored_columns", r.ignored_columns},
          {"person_ids", r.person_ids}};
}

}  // namespace rudi::roster
