// Missions: embassies, high commissions and consulates abroad.
#pragma once

#include <soci/session.h>

#include <optional>
#include <string>
#include <vector>

#include "domain/result.hpp"

namespace rudi::store {

struct Mission {
  std::int64_t id = 0;
  std::string name;
  std::string kind;          // embassy, high_commission, consulate
  std::string host_country;  // ISO 3166-1 alpha-2
  std::string city;
};

Result<Mission> add_mission(soci::session& sql, const Mission& mission);
std::vector<Mission> list_missions(soci::session& sql);
std::optional<Mission> find_mission(soci::session& sql, std::int64_t id);

}  // namespace rudi::store
