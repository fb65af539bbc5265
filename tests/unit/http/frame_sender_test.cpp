#include "http/frame_sender.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace rudi::http {
namespace {

// A connected pair of stream sockets: what send_frames writes to `out` is read back from `in`.
struct SocketPair {
  int out = -1, in = -1;
  SocketPair() {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    out = fds[0];
    in = fds[1];
  }
  ~SocketPair() {
    if (out >= 0) ::close(out);
    if (in >= 0) ::close(in);
  }
  std::string read_available() const {
    std::string got;
    char buffer[65536];
    pollfd p{in, POLLIN, 0};
    while (::poll(&p, 1, 0) == 1) {
      const ssize_t n = ::recv(in, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n <= 0) break;
      got.append(buffer, static_cast<std::size_t>(n));
    }
    return got;
  }
};

OutgoingFrame text(std::string s) {
  return OutgoingFrame{std::make_shared<const std::string>(std::move(s))};
}

// The frame as RFC 6455 §5.2 lays it out for a server: FIN, the opcode, the length, no mask, the payload.
std::string expected_frame(unsigned char opcode, const std::string& payload) {
  std::string f(1, static_cast<char>(0x80 | opcode));
  const std::size_t n = payload.size();
  if (n <= 125) {
    f += static_cast<char>(n);
  } else if (n <= 65535) {
    f += static_cast<char>(126);
    f += static_cast<char>(n >> 8);
    f += static_cast<char>(n & 0xff);
  } else {
    f += static_cast<char>(127);
    for (int shift = 56; shift >= 0; shift -= 8) f += static_cast<char>((n >> shift) & 0xff);
  }
  return f + payload;
}

TEST(FrameSenderTest, WritesTextFramesAndPingsWholeInOneCall) {
  SocketPair pair;
  const std::deque<OutgoingFrame> queue{text(R"({"op":"event","seq":1})"), OutgoingFrame{},
                                        text(std::string(126, 'a')), text(std::string(70'000, 'b'))};
  const auto sent = send_frames(pair.out, queue, 0);
  ASSERT_FALSE(sent.error);
  EXPECT_FALSE(sent.blocked);
  EXPECT_EQ(sent.frames, 4u);
  EXPECT_EQ(sent.into_next, 0u);
  const std::string want = expected_frame(0x1, R"({"op":"event","seq":1})") + expected_frame(0x9, "") +
                           expected_frame(0x1, std::string(126, 'a')) +
                           expected_frame(0x1, std::string(70'000, 'b'));
  std::string got;
  while (got.size() < want.size()) got += pair.read_available();
  EXPECT_EQ(got, want);
}

TEST(FrameSenderTest, AFullSocketTakesPartOfAFrameAndTheRestFollowsExactly) {
  SocketPair pair;
  const int small = 4096;
  ::setsockopt(pair.out, SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  std::deque<OutgoingFrame> queue;
  std::string want;
  for (int i = 0; i < 40; ++i) {
    const std::string payload(3000 + i, static_cast<char>('a' + i % 26));
    queue.push_back(text(payload));
    want += expected_frame(0x1, payload);
  }
  std::string got;
  std::size_t written = 0;
  bool blocked_once = false;
  for (int round = 0; !queue.empty() && round < 1000; ++round) {
    const auto sent = send_frames(pair.out, queue, written);
    ASSERT_FALSE(sent.error) << sent.error.message();
    blocked_once = blocked_once || sent.blocked;
    for (std::size_t i = 0; i < sent.frames; ++i) queue.pop_front();
    written = sent.into_next;
    got += pair.read_available();  // the client reads, making room
  }
  EXPECT_TRUE(queue.empty());
  EXPECT_TRUE(blocked_once) << "the small send buffer never filled: the test proves nothing";
  got += pair.read_available();
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(got, want) << "the frames arrive whole, in order, with nothing repeated or lost";
}

TEST(FrameSenderTest, AClosedPeerIsAnErrorNotASignal) {
  SocketPair pair;
  ::close(pair.in);
  pair.in = -1;
  const std::deque<OutgoingFrame> queue{text("x")};
  auto sent = send_frames(pair.out, queue, 0);
  EXPECT_TRUE(sent.error);
  EXPECT_EQ(sent.frames, 0u);
}

TEST(FrameSenderTest, SendsAtMostTheFramesAskedFor) {
  SocketPair pair;
  std::deque<OutgoingFrame> queue;
  for (int i = 0; i < 100; ++i) queue.push_back(text("e" + std::to_string(i)));
  EXPECT_EQ(send_frames(pair.out, queue, 0, 3).frames, 3u);
  EXPECT_EQ(send_frames(pair.out, queue, 0).frames, 64u) << "at most 64 in one call";
}

}  // namespace
}  // namespace rudi::http
