// Runs a program (usually the real `rudi` binary) as a child process, collects what it prints line by
// line, and lets a test wait for a given line or for the exit, each with a bound.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace rudi::test {

class ChildProcess {
 public:
  // argv[0] is the program's path. `environment` is added to (and overrides) this process's own.
  ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> environment = {});
  ~ChildProcess();  // kills the child if it still runs
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Waits until a line (stdout or stderr) satisfies `predicate`; returns it, or nullopt on timeout or
  // when the child ends first.
  std::optional<std::string> wait_for_line(const std::function<bool(const std::string&)>& predicate,
                                           std::chrono::milliseconds timeout);
  // Waits for a JSON log line whose "msg" is `message` (and which satisfies `also`, if given).
  std::optional<nlohmann::json> wait_for_log(
      const std::string& message, std::chrono::milliseconds timeout,
      const std::function<bool(const nlohmann::json&)>& also = [](const nlohmann::json&) { return true; });

  void send_signal(int signal);
  // Writes a line to the child's standard input.
  void write_line(const std::string& line);
  // The exit status, or nullopt when the child has not ended within `timeout`.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

  std::vector<std::string> lines() const;
  std::string output() const;
  pid_t pid() const { return pid_; }

 private:
  void read_output(int fd);

  pid_t pid_ = -1;
  int stdin_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
  bool output_closed_ = false;
  std::optional<int> exit_status_;
};

// A running `rudi serve` and the port it listens on.
struct ServeProcess {
  std::unique_ptr<ChildProcess> process;
  unsigned short port = 0;
};

// Starts `rudi serve --listen 127.0.0.1:0` with `extra` flags against `database_url` and waits until it
// listens; the port is nullopt (0) when it did not start, and process->output() says why.
ServeProcess start_serve(const std::string& database_url, std::vector<std::string> extra = {},
                         std::map<std::string, std::string> environment = {});

std::string rudi_binary();
std::string schema_dir();

}  // namespace rudi::test
