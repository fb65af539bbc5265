// The journey's stages, as data: which side owns each and in what order they come. Another country's
// process is a change of this table, not of the rules that read it (journey_rules.cpp).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace rudi {

enum class Stage {
  reported,
  located,
  verified,
  interviewed,
  documented,
  cleared,
  departed,  // abroad: the embassy
  arrived,
  received,
  referred,
  reunited,
  reintegrating,
  closed  // at home: the ministry
};

enum class Side { embassy, ministry };

struct StageInfo {
  Stage stage;
  std::string_view name;
  Side side;                  // the side whose officers may move a person into this stage
  bool needs_reason = false;  // entering it needs a reason (closing a case)
};

// In journey order.
const std::vector<StageInfo>& stage_table();
const StageInfo& stage_info(Stage stage);
int position_of(Stage stage);  // 0-based place in the journey

std::string_view to_string(Stage stage);
std::optional<Stage> parse_stage(std::string_view text);
std::string_view to_string(Side side);

// Why a person is on hold; the hold is lifted back to the stage they were on.
enum class HoldReason {
  in_detention_abroad,
  hospitalised,
  declined_to_return,
  missing_again,
  deceased,
  other
};
std::string_view to_string(HoldReason reason);
std::optional<HoldReason> parse_hold_reason(std::string_view text);

}  // namespace rudi
