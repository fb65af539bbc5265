#include "app/import_command.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/cli_runtime.hpp"
#include "auth/secret_box.hpp"
#include "auth/tokens.hpp"
#include "roster/csv_roster.hpp"
#include "roster/report_json.hpp"
#include "service/roster_import.hpp"
#include "store/user_repository.hpp"

namespace rudi::app {
namespace {

int fail(const Error& error) {
  std::cerr << "rudi import roster: " << error.detail << "\n";
  for (const auto& field : error.fields) std::cerr << "  " << field.field << ": " << field.reason << "\n";
  return error.kind == ErrorKind::unavailable ? 1 : 2;
}

Result<std::string> mapping_text(const std::string& option) {
  if (option.empty() || option.front() != '@') return option;
  std::ifstream in(option.substr(1));
  if (!in) return Error::invalid("cannot read the mapping file " + option.substr(1));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int run_import_roster(const Config& config) {
  const auto& im = config.import;
  auto keyring = auth::Keyring::parse(config.security.data_keys, config.security.blind_index_key);
  if (!keyring) return fail(keyring.error());
  roster::RosterSettings settings;
  settings.home_nationality = config.home_nationality;
  settings.today = today_utc(std::chrono::system_clock::now());
  if (!im.mapping.empty()) {
    auto text = mapping_text(im.mapping);
    if (!text) return fail(text.error());
    auto mapping = roster::parse_mapping_override(*text);
    if (!mapping) return fail(mapping.error());
    settings.mapping = std::move(*mapping);
  }
  std::ifstream file(im.file, std::ios::binary);
  if (!file) return fail(Error::invalid("cannot read " + im.file));

  auto runtime = CliRuntime::open(config);
  if (!runtime) return fail(runtime.error());
  auto& rt = **runtime;
  auto user = rt.db().run_here<std::optional<store::UserRecord>>(
      [&](soci::session& sql) -> Result<std::optional<store::UserRecord>> {
        return store::find_user_by_name(sql, im.username);
      });
  if (!user) return fail(user.error());
  if (!*user) return fail(Error::invalid("no user named " + im.username));
  // The operator at the server acts in the user's name: their role and mission decide, and the audit log
  // records the user, by the command line.
  const auth::Principal who = (*user)->principal(auth::Credential::system, true);

  roster::CsvRoster source(roster::CsvReader::from_stream(file), std::move(settings));
  service::RosterImports imports(rt.db(), *keyring);
  const service::ImportOptions options{im.dry_run, im.partial, "cli"};
  auto report =
      imports.import_roster_here(who, im.cohort_id, source, options, "cli-" + auth::random_token(8));
  if (!report) return fail(report.error());

  std::cout << roster::report_json(*report).dump(2) << "\n";
  std::size_t others = 0;
  for (const auto& [code, n] : report->other_nationalities) others += n;
  std::cerr << (report->committed ? "imported " : "would import ") << report->imported << " of "
            << report->rows << " rows into cohort " << report->cohort_id << "; " << report->existing_count
            << " on record already, " << report->rejected_count << " rejected, " << others
            << " of other nationalities\n";
  if (!report->dry_run && !report->committed) {
    std::cerr << "nothing was imported: correct the rejected rows, or import the others with --partial\n";
    return 3;
  }
  return 0;
}

}  // namespace rudi::app
