#include "support/child_process.hpp"

#include <algorithm>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "auth/secret_box.hpp"

extern char** environ;

namespace rudi::test {

std::string rudi_binary() {
  return RUDI_TEST_BINARY;
}
std::string schema_dir() {
  return RUDI_TEST_SCHEMA_DIR;
}

ChildProcess::ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> environment) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  int in[2];
  if (pipe2(in, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");

  std::map<std::string, std::string> merged;
  for (char** e = environ; *e; ++e) {
    std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) merged[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (auto& [k, v] : environment) merged[k] = v;
  std::vector<std::string> env_strings;
  for (auto& [k, v] : merged) env_strings.push_back(k + "=" + v);
  std::vector<char*> env_ptrs;
  for (auto& s : env_strings) env_ptrs.push_back(s.data());
  env_ptrs.push_back(nullptr);
  std::vector<char*> arg_ptrs;
  for (auto& a : argv) arg_ptrs.push_back(a.data());
  arg_ptrs.push_back(nullptr);

  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    dup2(in[0], STDIN_FILENO);
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    _exit(127);
  }
  close(fds[1]);
  close(in[0]);
  stdin_ = in[1];
  reader_ = std::thread([this, fd = fds[0]] { read_output(fd); });
}

void ChildProcess::write_line(const std::string& line) {
  const std::string text = line + "\n";
  if (::write(stdin_, text.data(), text.size()) < 0) {
    // the child has gone: what it said tells why
  }
}

ChildProcess::~ChildProcess() {
  if (stdin_ >= 0) close(stdin_);
  if (!wait_exit(std::chrono::milliseconds(0))) {
    kill(pid_, SIGKILL);
    wait_exit(std::chrono::seconds(30));
  }
  if (reader_.joinable()) reader_.join();
}

void ChildProcess::read_output(int fd) {
  std::string pending;
  char buffer[4096];
  for (;;) {
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buffer, static_cast<std::size_t>(n));
    std::size_t newline;
    while ((newline = pending.find('\n')) != std::string::npos) {
      std::lock_guard lock(mutex_);
      lines_.push_back(pending.substr(0, newline));
      pending.erase(0, newline + 1);
      changed_.notify_all();
    }
  }
  close(fd);
  std::lock_guard lock(mutex_);
  if (!pending.empty()) lines_.push_back(pending);
  output_closed_ = true;
  changed_.notify_all();
}

std::optional<std::string> ChildProcess::wait_for_line(
    const std::function<bool(const std::string&)>& predicate, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  std::size_t seen = 0;
  std::optional<std::string> found;
  changed_.wait_for(lock, timeout, [&] {
    for (; seen < lines_.size(); ++seen) {
      if (predicate(lines_[seen])) {
        found = lines_[seen];
        return true;
      }
    }
    return output_closed_;
  });
  return found;
}

std::optional<nlohmann::json> ChildProcess::wait_for_log(
    const std::string& message, std::chrono::milliseconds timeout,
    const std::function<bool(const nlohmann::json&)>& also) {
  std::optional<nlohmann::json> match;
  wait_for_line(
      [&](const std::string& line) {
        auto parsed = nlohmann::json::parse(line, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_object() || parsed.value("msg", "") != message ||
            !also(parsed)) {
          return false;
        }
        match = parsed;
        return true;
      },
      timeout);
  return match;
}

void ChildProcess::send_signal(int signal) {
  kill(pid_, signal);
}

std::optional<int> ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  {
    // The pipe closes when the child (and anything that inherited it) has gone.
    std::unique_lock lock(mutex_);
    if (!exit_status_ && !changed_.wait_for(lock, timeout, [&] { return output_closed_; }))
      return std::nullopt;
    if (exit_status_) return exit_status_;
  }
  int status = 0;
  if (waitpid(pid_, &status, 0) != pid_) return std::nullopt;
  std::lock_guard lock(mutex_);
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return exit_status_;
}

std::vector<std::string> ChildProcess::lines() const {
  std::lock_guard lock(mutex_);
  return lines_;
}

std::string ChildProcess::output() const {
  std::string all;
  for (const auto& line : lines()) all += line + "\n";
  return all;
}

ServeProcess start_serve(const std::string& database_url, std::vector<std::string> extra,
                         std::map<std::string, std::string> environment) {
  std::vector<std::string> argv{rudi_binary(), "serve", "--schema-dir", schema_dir()};
  // A given address (a restarted node keeping its port), or any free port.
  if (std::find(extra.begin(), extra.end(), "--listen") == extra.end())
    argv.insert(argv.end(), {"--listen", "127.0.0.1:0"});
  argv.insert(argv.end(), extra.begin(), extra.end());
  ServeProcess serve;
  environment["RUDI_DATABASE_URL"] = database_url;
  // ops/test exports keys; a test run by hand gets fresh ones.
  if (!environment.count("RUDI_DATA_KEYS") && std::getenv("RUDI_DATA_KEYS") == nullptr) {
    environment["RUDI_DATA_KEYS"] = "k1:" + auth::new_key_base64();
    environment["RUDI_BLIND_INDEX_KEY"] = auth::new_key_base64();
  }
  serve.process = std::make_unique<ChildProcess>(argv, environment);
  if (auto listening = serve.process->wait_for_log("listening", std::chrono::seconds(60))) {
    serve.port = (*listening)["port"].get<unsigned short>();
  }
  return serve;
}

}  // namespace rudi::test
