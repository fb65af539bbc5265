// The `rudi` command line: subcommands, their flags and the RUDI_* environment variables that set the
// same values. `--help` on any subcommand lists every option with its default and variable.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>

#include "app/config.hpp"

namespace rudi::app {

class CommandLine {
 public:
  CommandLine();

  // Parses and validates; throws CLI::ParseError (including --help), which `exit` turns into output
  // and an exit status.
  void parse(int argc, const char* const* argv);
  int exit(const CLI::ParseError& error) { return app_.exit(error); }

  // Runs the chosen subcommand; returns the process's exit status.
  int run();

  const Config& config() const { return config_; }
  std::string help(const std::string& subcommand) const { return app_.get_subcommand(subcommand)->help(); }
  bool chose(const std::string& subcommand) const;

 private:
  CLI::App app_{"Rudi: rescue, repatriation and prosecution of trafficking cases, in one record."};
  Config config_;
  CLI::App* serve_ = nullptr;
  CLI::App* migrate_ = nullptr;
  std::map<CLI::App*, std::function<int()>> commands_;  // the administrative leaves and what they run

  void add_admin_subcommands();
  void add_webhook_subcommands(const std::function<CLI::App*(CLI::App*)>& with_db);
};

}  // namespace rudi::app
