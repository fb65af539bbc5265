// What a machine-readable zone says, field by field, and what is wrong with one that cannot be read.
// Text is as printed: upper case, transliterated as the issuer did it, fillers (<) read as spaces in names
// and dropped elsewhere.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace rudi::mrz {

// TD3: passports, 2 lines of 44 (ICAO 9303 part 4). TD1: identity cards, 3 lines of 30 (part 5).
enum class Format { td1, td3 };

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  friend auto operator<=>(const Date&, const Date&) = default;
};

struct Zone {
  Format format = Format::td3;
  std::string document_code;          // "P", "PK", "I", "ID", "AC" … (fillers dropped)
  std::string issuing_state;          // as printed, e.g. "KEN", "D" (fillers dropped)
  std::string surname;                // the primary identifier, e.g. "ERIKSSON"
  std::string given_names;            // the secondary identifier, e.g. "ANNA MARIA"; empty when there is none
  std::string document_number;        // fillers dropped; a TD1's long number joined with its continuation
  std::string nationality;            // as printed, e.g. "KEN" (fillers dropped)
  std::string date_of_birth_text;     // the six characters, e.g. "740812"
  std::optional<Date> date_of_birth;  // nullopt when the zone marks it unknown with fillers
  char sex = '<';                     // F, M, X, or < (unspecified)
  std::string date_of_expiry_text;    // the six characters, e.g. "120415"
  Date date_of_expiry;
  std::string optional_data;    // TD3: the personal number; TD1: line 1's optional data (fillers dropped)
  std::string optional_data_2;  // TD1: line 2's optional data; empty for TD3
};

// One thing wrong with the zone. `field` is a path below the zone, e.g. "line2/date_of_birth_check", or
// "line1" for the line as a whole, or "" for the whole zone.
struct Defect {
  std::string field;
  std::string reason;
};

struct Reading {
  std::optional<Zone> zone;     // set only when there are no defects
  std::vector<Defect> defects;  // every defect found, in the order of the zone

  bool ok() const { return defects.empty(); }
};

}  // namespace rudi::mrz
