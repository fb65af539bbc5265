#include "mrz/check_digit.hpp"

namespace rudi::mrz {

std::optional<int> check_digit(std::string_view text) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    int value = 0;
    if (c >= '0' && c <= '9')
      value = c - '0';
    else if (c >= 'A' && c <= 'Z')
      value = c - 'A' + 10;
    else if (c != '<')
      return std::nullopt;
    sum += value * kWeights[i % 3];
  }
  return sum % 10;
}

}  // namespace rudi::mrz
