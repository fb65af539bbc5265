// The `rudi` executable: parse the command line and run the chosen subcommand. Everything else lives
// in the libraries, so that tests and benchmarks link exactly what runs here.
#include "app/command_line.hpp"

int main(int argc, char** argv) {
  rudi::app::CommandLine command_line;
  try {
    command_line.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return command_line.exit(error);
  }
  return command_line.run();
}
