// socket_io: the few socket calls the bounded connection code shares — waiting for a socket with a
// deadline that a server stop cuts short, a peer's address, and closing without losing the answer.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace kb::socket_io {

using Clock = std::chrono::steady_clock;

// Waits until `fd` is ready for `events` (POLLIN, POLLOUT). False when `deadline` passes, the
// peer hangs up without data, or `stop_fd` (an eventfd; -1 for none) becomes readable.
bool wait_until(int fd, short events, Clock::time_point deadline, int stop_fd);

// Writes all of `bytes`, each wait for the client bounded by `timeout`. False if it cannot.
bool send_all(int fd, std::string_view bytes, std::chrono::milliseconds timeout, int stop_fd);

// The address and port of the socket's peer (`peer`) or of its own end; "" and 0 when unknown.
void address_of(int fd, bool peer, std::string& ip, int& port);

// Ends the sending side and reads and drops what the client still sends — at most `max_bytes`,
// until `deadline` — so that a client still writing its request (a body we refused, say) gets to
// read our answer instead of a reset. Does not close `fd`.
void finish_sending(int fd, Clock::time_point deadline, std::size_t max_bytes, int stop_fd);

}  // namespace kb::socket_io
