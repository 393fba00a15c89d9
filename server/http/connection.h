// Connection and PendingRequest: a client connection as it passes between the poller, which reads
// requests in, and the workers, which answer them — its socket, its address and its unread bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/http/socket_io.h"

namespace kb {

struct Connection {
    int fd = -1;
    std::string client;      // the peer's address: connections are counted per address
    std::string received;    // read from the socket, not yet answered: a request's start, or more
    std::size_t served = 0;  // requests answered on it so far
};

// A request read whole: its head and its declared body are the first bytes of `received`.
struct PendingRequest {
    Connection connection;
    std::size_t head_bytes = 0;
    std::uint64_t body_bytes = 0;
    socket_io::Clock::time_point deadline;  // the request's own, from its first byte
};

}  // namespace kb
