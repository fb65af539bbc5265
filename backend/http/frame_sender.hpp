// Sends a live socket's queued websocket frames straight to its TCP socket, several in one sendmsg(2), for
// the plain (unencrypted) transport. The frames are the server's: unmasked, each message whole, no
// extension (permessage-deflate is off); their headers are written by Beast's own frame encoder. This takes
// the per-frame work of a composed Beast write (a chain of operations and a completion through the
// scheduler for each frame) off the fan-out, where a dashboard's frame is the same few hundred bytes a
// thousand times over. Beast still reads, answers the client's pings and closes; the caller sends nothing
// through Beast while a frame sent here is partly written (see http/live_socket.hpp).
#pragma once

#include <boost/system/error_code.hpp>
#include <cstddef>
#include <deque>
#include <memory>
#include <string>

namespace rudi::http {

// One frame waiting to be sent: a JSON text message, or a ping (no payload).
struct OutgoingFrame {
  std::shared_ptr<const std::string> text;  // null for a ping
  bool ping() const { return text == nullptr; }
  std::size_t payload_bytes() const { return text ? text->size() : 0; }
};

struct FramesSent {
  std::size_t frames = 0;           // frames written whole, from the front of the queue
  std::size_t into_next = 0;        // bytes of the next frame written (header included)
  bool blocked = false;             // the socket took less than offered: wait until it is writable
  boost::system::error_code error;  // the connection failed
};

// Writes, without blocking, as much as the socket takes of the first `max_frames` (at most 64) frames of
// `queue`, the first of which has had `front_written` bytes written already.
FramesSent send_frames(int socket, const std::deque<OutgoingFrame>& queue, std::size_t front_written,
                       std::size_t max_frames = 64);

}  // namespace rudi::http
