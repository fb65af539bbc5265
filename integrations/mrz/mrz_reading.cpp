#include "mrz/mrz_reading.hpp"

#include "domain/validation.hpp"
#include "mrz/parser.hpp"
#include "service/authorised.hpp"

namespace rudi::mrz {

boost::asio::awaitable<Result<ReadDocument>> MrzReading::read(auth::Principal who, std::string text,
                                                              std::string request_id) {
  // Reading a zone is the first step of recording a person: whoever may create people may read one.
  const auth::ResourceScope people{auth::Resource::person, std::nullopt, {}, false, true};
  auth::Decision decision = auth::decide(who, auth::Action::create, people);
  if (decision.outcome == auth::Outcome::hidden) decision.outcome = auth::Outcome::refused;
  if (!decision.allowed()) {
    co_return co_await service::refuse(db_, who, decision, auth::Action::create, auth::Resource::person,
                                       std::nullopt, request_id);
  }
  const CalendarDate day = today_utc(clock_());
  const Date today{day.year, day.month, day.day};
  Reading reading = read_zone(text, today);
  if (!reading.ok()) {
    std::vector<FieldError> fields;
    for (auto& defect : reading.defects)
      fields.push_back({defect.field.empty() ? "/mrz" : "/mrz/" + defect.field, std::move(defect.reason)});
    co_return Error::invalid("the machine-readable zone cannot be read", std::move(fields));
  }
  PersonFields person = person_fields(*reading.zone, today);
  co_return ReadDocument{std::move(*reading.zone), std::move(person)};
}

}  // namespace rudi::mrz
