#include "domain/stage.hpp"

#include <algorithm>
#include <array>

namespace rudi {

const std::vector<StageInfo>& stage_table() {
  static const std::vector<StageInfo> kTable = {
      {Stage::reported, "reported", Side::embassy},
      {Stage::located, "located", Side::embassy},
      {Stage::verified, "verified", Side::embassy},
      {Stage::interviewed, "interviewed", Side::embassy},
      {Stage::documented, "documented", Side::embassy},
      {Stage::cleared, "cleared", Side::embassy},
      {Stage::departed, "departed", Side::embassy},
      {Stage::arrived, "arrived", Side::ministry},
      {Stage::received, "received", Side::ministry},
      {Stage::referred, "referred", Side::ministry},
      {Stage::reunited, "reunited", Side::ministry},
      {Stage::reintegrating, "reintegrating", Side::ministry},
      {Stage::closed, "closed", Side::ministry, true},
  };
  return kTable;
}

int position_of(Stage stage) {
  const auto& table = stage_table();
  return static_cast<int>(
      std::find_if(table.begin(), table.end(), [&](const auto& s) { return s.stage == stage; }) -
      table.begin());
}

const StageInfo& stage_info(Stage stage) {
  return stage_table()[static_cast<std::size_t>(position_of(stage))];
}

std::string_view to_string(Stage stage) {
  return stage_info(stage).name;
}

std::optional<Stage> parse_stage(std::string_view text) {
  for (const auto& info : stage_table()) {
    if (info.name == text) return info.stage;
  }
  return std::nullopt;
}

std::string_view to_string(Side side) {
  return side == Side::embassy ? "embassy" : "ministry";
}

namespace {
constexpr std::array<std::pair<HoldReason, std::string_view>, 6> kHoldReasons{{
    {HoldReason::in_detention_abroad, "in_detention_abroad"},
    {HoldReason::hospitalised, "hospitalised"},
    {HoldReason::declined_to_return, "declined_to_return"},
    {HoldReason::missing_again, "missing_again"},
    {HoldReason::deceased, "deceased"},
    {HoldReason::other, "other"},
}};
}  // namespace

std::string_view to_string(HoldReason reason) {
  for (const auto& [r, name] : kHoldReasons) {
    if (r == reason) return name;
  }
  return "other";
}

std::optional<HoldReason> parse_hold_reason(std::string_view text) {
  for (const auto& [r, name] : kHoldReasons) {
    if (name == text) return r;
  }
  return std::nullopt;
}

}  // namespace rudi
