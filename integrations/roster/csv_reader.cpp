#include "roster/csv_reader.hpp"

#include <algorithm>
#include <cstring>

namespace rudi::roster {

CsvReader::CsvReader(ByteSource source, CsvLimits limits)
    : source_(std::move(source)), limits_(limits), chunk_(std::max<std::size_t>(limits.chunk_bytes, 16)) {}

CsvReader CsvReader::from_stream(std::istream& in, CsvLimits limits) {
  return CsvReader(
      [&in](char* buffer, std::size_t size) -> std::size_t {
        in.read(buffer, static_cast<std::streamsize>(size));
        return static_cast<std::size_t>(in.gcount());
      },
      limits);
}

CsvReader CsvReader::from_text(std::string_view text, CsvLimits limits) {
  return CsvReader(
      [text, offset = std::size_t{0}](char* buffer, std::size_t size) mutable -> std::size_t {
        const std::size_t n = std::min(size, text.size() - offset);
        std::memcpy(buffer, text.data() + offset, n);
        offset += n;
        return n;
      },
      limits);
}

bool CsvReader::fill() {
  if (exhausted_) return false;
  // Keep what is unread at the front, then top up.
  if (position_ > 0) {
    std::memmove(chunk_.data(), chunk_.data() + position_, filled_ - position_);
    filled_ -= position_;
    position_ = 0;
  }
  while (filled_ < chunk_.size()) {
    const std::size_t n = source_(chunk_.data() + filled_, chunk_.size() - filled_);
    if (n == 0) {
      exhausted_ = true;
      break;
    }
    filled_ += n;
  }
  return filled_ > position_;
}

int CsvReader::get() {
  if (position_ == filled_ && !fill()) return kEnd;
  return static_cast<unsigned char>(chunk_[position_++]);
}

int CsvReader::peek() {
  if (position_ == filled_ && !fill()) return kEnd;
  return static_cast<unsigned char>(chunk_[position_]);
}

// Skips a UTF-8 byte-order mark, refuses UTF-16, and picks the separator that the header line uses more
// of, outside quotes (a semicolon where the decimal comma makes Excel write them; a comma otherwise).
void CsvReader::start() {
  started_ = true;
  fill();
  const std::string_view head(chunk_.data(), filled_);
  if (head.substr(0, 3) == "\xEF\xBB\xBF") {
    position_ = 3;
  } else if (head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF") {
    encoding_error_ = "the file is UTF-16; save it as CSV UTF-8";
    return;
  }
  std::size_t commas = 0, semicolons = 0;
  bool quoted = false;
  for (std::size_t i = position_; i < filled_; ++i) {
    const char c = chunk_[i];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',') ++commas;
    if (c == ';') ++semicolons;
  }
  separator_ = semicolons > commas ? ';' : ',';
}

void CsvReader::skip_to_line_end() {
  for (int c = get(); c != kEnd; c = get()) {
    if (c == '\n') {
      ++line_;
      return;
    }
    if (c == '\r') {
      ++line_;
      if (peek() == '\n') get();
      return;
    }
  }
}

std::optional<CsvRecord> CsvReader::next() {
  if (!started_) start();
  if (encoding_error_) return std::nullopt;
  enum class State { field_start, unquoted, quoted, after_quote };
  for (;;) {
    CsvRecord record;
    record.line = line_;
    std::string field;
    State state = State::field_start;
    bool any = false;  // anything at all on the record's line(s): blank lines are skipped
    auto fail = [&](std::string why, bool resync) {
      record.error = std::move(why);
      if (resync) skip_to_line_end();
      return record;
    };
    auto push = [&]() -> bool {
      if (record.fields.size() >= limits_.fields_per_record) return false;
      record.fields.push_back(std::move(field));
      field.clear();
      return true;
    };
    auto append = [&](int c) -> bool {
      if (field.size() >= limits_.field_bytes) return false;
      field.push_back(static_cast<char>(c));
      return true;
    };
    const std::string too_long = "a field is longer than " + std::to_string(limits_.field_bytes) + " bytes";
    const std::string too_many = "more than " + std::to_string(limits_.fields_per_record) + " fields";
    std::size_t quote_line = 0;
    for (;;) {
      const int c = get();
      const bool line_end = c == '\n' || c == '\r';
      if (state == State::quoted) {
        if (c == kEnd) {
          return fail("a quote opened on line " + std::to_string(quote_line) + " is never closed", false);
        }
        if (c == '"') {
          if (peek() == '"') {
            get();
            if (!append('"')) return fail(too_long, true);
          } else {
            state = State::after_quote;
          }
          continue;
        }
        if (c == '\n' || (c == '\r' && peek() != '\n')) ++line_;
        if (!append(c)) return fail(too_long, true);
        continue;
      }
      if (c == kEnd || line_end) {
        if (line_end) {
          ++line_;
          if (c == '\r' && peek() == '\n') get();
        }
        if (!any && record.fields.empty()) {
          if (c == kEnd) return std::nullopt;
          record.line = line_;
          continue;  // a blank line
        }
        if (!push()) return fail(too_many, false);
        return record;
      }
      any = true;
      if (c == separator_ && state != State::quoted) {
        if (!push()) return fail(too_many, true);
        state = State::field_start;
        continue;
      }
      switch (state) {
        case State::field_start:
          if (c == '"') {
            state = State::quoted;
            quote_line = line_;
          } else {
            state = State::unquoted;
            if (!append(c)) return fail(too_long, true);
          }
          break;
        case State::unquoted:
          if (c == '"') {
            return fail(
                "a quote inside a field that does not start with one (write it as \"\" inside a quoted "
                "field)",
                true);
          }
          if (!append(c)) return fail(too_long, true);
          break;
        case State::after_quote:
          return fail("text after a closing quote (a quote inside a quoted field is written \"\")", true);
        case State::quoted:
          break;
      }
    }
  }
}

}  // namespace rudi::roster
