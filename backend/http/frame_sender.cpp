#include "http/frame_sender.hpp"

#include <sys/socket.h>
#include <sys/uio.h>

#include <algorithm>
#include <array>
#include <boost/beast/websocket/detail/frame.hpp>
#include <cerrno>

namespace rudi::http {
namespace {
namespace frame = boost::beast::websocket::detail;
constexpr std::size_t kMostFrames = 64;  // a header and a payload each: 128 pieces, under IOV_MAX

// A frame's header, as Beast writes it (RFC 6455 §5.2): FIN, the opcode, the payload's length, no mask.
frame::fh_buffer header_of(const OutgoingFrame& f) {
  frame::frame_header fh{};
  fh.op = f.ping() ? frame::opcode::ping : frame::opcode::text;
  fh.fin = true;
  fh.mask = false;
  fh.rsv1 = fh.rsv2 = fh.rsv3 = false;
  fh.len = f.payload_bytes();
  fh.key = 0;
  frame::fh_buffer header;
  frame::write(header, fh);
  return header;
}

}  // namespace

FramesSent send_frames(int socket, const std::deque<OutgoingFrame>& queue, std::size_t front_written,
                       std::size_t max_frames) {
  FramesSent sent;
  const std::size_t count = std::min({queue.size(), max_frames, kMostFrames});
  if (count == 0) return sent;
  std::array<frame::fh_buffer, kMostFrames> headers;
  std::array<iovec, 2 * kMostFrames> parts;
  std::size_t used = 0, offered = 0, skip = front_written;
  for (std::size_t i = 0; i < count; ++i) {
    headers[i] = header_of(queue[i]);
    const auto header = headers[i].data();
    const char* pieces[2] = {static_cast<const char*>(header.data()),
                             queue[i].text ? queue[i].text->data() : ""};
    const std::size_t sizes[2] = {header.size(), queue[i].payload_bytes()};
    for (int p = 0; p < 2; ++p) {
      std::size_t from = std::min(skip, sizes[p]);
      skip -= from;
      if (sizes[p] == from) continue;
      parts[used].iov_base = const_cast<char*>(pieces[p] + from);
      parts[used].iov_len = sizes[p] - from;
      offered += parts[used].iov_len;
      ++used;
    }
  }
  msghdr message{};
  message.msg_iov = parts.data();
  message.msg_iovlen = used;
  ssize_t written;
  do {
    written = ::sendmsg(socket, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (written < 0 && errno == EINTR);
  if (written < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK)
      sent.blocked = true;
    else
      sent.error = boost::system::error_code(errno, boost::system::system_category());
    sent.into_next = front_written;
    return sent;
  }
  sent.blocked = static_cast<std::size_t>(written) < offered;
  // Which frames went out whole, and how far into the next one.
  std::size_t left = static_cast<std::size_t>(written) + front_written;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t size = headers[i].size() + queue[i].payload_bytes();
    if (left < size) {
      sent.into_next = left;
      break;
    }
    left -= size;
    ++sent.frames;
  }
  return sent;
}

}  // namespace rudi::http
