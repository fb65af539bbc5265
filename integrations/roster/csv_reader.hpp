// A streaming reader of CSV as host authorities, partners and airlines send it (RFC 4180 and its common
// variations): UTF-8 with or without a byte-order mark, comma or semicolon separated (detected from the
// header line), CRLF, LF or CR line ends, quoted fields with embedded separators, quotes ("") and newlines.
// It holds one chunk of input and one record at a time, so memory stays flat however long the file is.
//
// Written here rather than taken from Debian: libfccp (fast-cpp-csv-parser) does not take newlines inside
// quoted fields, and libcsv's C callback API reports neither the line a record starts on nor where its
// quoting broke, which is what an officer needs to fix a file.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rudi::roster {

struct CsvLimits {
  std::size_t field_bytes = 4096;  // longer fields make their record an error
  std::size_t fields_per_record = 200;
  std::size_t chunk_bytes = 64 * 1024;  // read from the source at a time
};

struct CsvRecord {
  std::size_t line = 0;  // the line the record starts on, 1-based, as an editor counts
  std::vector<std::string> fields;
  std::optional<std::string> error;  // why the record could not be read (then `fields` is incomplete)
};

class CsvReader {
 public:
  // Fills `buffer` with up to `size` bytes and returns how many; 0 at the end of the input.
  using ByteSource = std::function<std::size_t(char* buffer, std::size_t size)>;

  explicit CsvReader(ByteSource source, CsvLimits limits = {});
  static CsvReader from_stream(std::istream& in, CsvLimits limits = {});
  // `text` must outlive the reader.
  static CsvReader from_text(std::string_view text, CsvLimits limits = {});

  // The next record, or nothing at the end of the input. Blank lines are skipped. A record that breaks
  // the quoting rules comes back with `error` set, and reading goes on at the next line.
  std::optional<CsvRecord> next();

  // The separator in use: ',' or ';' (known after the first call of next()).
  char separator() const { return separator_; }
  // Set when the input is not UTF-8 (a UTF-16 byte-order mark); no records are read then.
  const std::optional<std::string>& encoding_error() const { return encoding_error_; }

 private:
  static constexpr int kEnd = -1;
  int get();
  int peek();
  bool fill();
  void start();
  void skip_to_line_end();

  ByteSource source_;
  CsvLimits limits_;
  std::vector<char> chunk_;
  std::size_t position_ = 0, filled_ = 0;
  bool exhausted_ = false;
  bool started_ = false;
  char separator_ = ',';
  std::size_t line_ = 1;
  std::optional<std::string> encoding_error_;
};

}  // namespace rudi::roster
