// A stand-in for libFuzzer's driver where the compiler has none (g++): replays every file of the corpus
// directories given, then runs a bounded number of inputs mutated from them (bytes flipped, inserted,
// deleted, replaced by MRZ characters, lines spliced), with a fixed seed so that a failure repeats.
//   replay_driver [-runs=N] [-seed=S] DIR...
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr std::size_t kMaxInput = 512;

void run(const std::string& input) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::string mutated(std::string input, const std::vector<std::string>& corpus, std::mt19937_64& random) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<\n\r ";
  const int mutations = 1 + static_cast<int>(random() % 4);
  for (int m = 0; m < mutations; ++m) {
    const std::size_t at = input.empty() ? 0 : random() % input.size();
    switch (random() % 6) {
      case 0:
        if (!input.empty()) input[at] = kAlphabet[random() % kAlphabet.size()];
        break;
      case 1:
        if (!input.empty()) input[at] = static_cast<char>(random() % 256);
        break;
      case 2:
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(at), kAlphabet[random() % kAlphabet.size()]);
        break;
      case 3:
        if (!input.empty()) input.erase(at, 1 + random() % 3);
        break;
      case 4: {  // splice: this input's start and another's end
        const std::string& other = corpus[random() % corpus.size()];
        const std::size_t from = other.empty() ? 0 : random() % other.size();
        input = input.substr(0, at) + other.substr(from);
        break;
      }
      default:
        if (!input.empty())
          input[at] = static_cast<char>('0' + random() % 10);  // a digit, e.g. a check digit
    }
  }
  if (input.size() > kMaxInput) input.resize(kMaxInput);
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  long runs = 100000;
  unsigned long long seed = 1;
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("-runs=")) {
      runs = std::stol(std::string(arg.substr(6)));
    } else if (arg.starts_with("-seed=")) {
      seed = std::stoull(std::string(arg.substr(6)));
    } else if (arg.starts_with("-")) {
      continue;  // libFuzzer's other flags mean nothing here
    } else {
      for (const auto& entry : std::filesystem::directory_iterator(arg)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream file(entry.path(), std::ios::binary);
        corpus.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
      }
    }
  }
  if (corpus.empty()) corpus.emplace_back();
  for (const auto& input : corpus) run(input);
  std::mt19937_64 random(seed);
  for (long i = 0; i < runs; ++i) run(mutated(corpus[random() % corpus.size()], corpus, random));
  std::printf("replayed %zu corpus inputs and %ld mutations (seed %llu)\n", corpus.size(), runs, seed);
  return 0;
}
