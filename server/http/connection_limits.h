// ConnectionLimits: how much of the server one client may hold — time, header bytes, connections —
// before it is answered with an error and closed. ServerOptions carries one; BoundedServer applies it.
#pragma once

#include <chrono>
#include <cstddef>

namespace kb {

struct ConnectionLimits {
    // From a request's first byte to its last body byte, however the client paces its reads:
    // a client sending a byte a second holds its connection this long, not for ever.
    std::chrono::milliseconds request_timeout{10'000};
    // A keep-alive connection with no next request (or a new one with no first) is closed after this.
    std::chrono::milliseconds idle_timeout{2'000};
    // Each write of a response waits at most this long for the client to take its bytes.
    std::chrono::milliseconds write_timeout{5'000};
    std::size_t max_request_line_bytes = 8 * 1024;  // past it: 414
    std::size_t max_header_line_bytes = 8 * 1024;   // one header line; past it: 431
    std::size_t max_header_bytes = 32 * 1024;       // all header lines together; past it: 431
    std::size_t max_headers = 100;                  // header lines; past it: 431
    // Connections open at once, all clients together, whether idle, sending or being answered;
    // past it a new connection gets 503 with Retry-After at once. An idle connection costs a
    // socket and a little memory, not a thread. Kept below the process's file limit.
    std::size_t max_connections = 4096;
    // Connections one client address may hold open at once (0: no limit). Behind a reverse
    // proxy every client has the proxy's address: raise it there.
    std::size_t max_connections_per_client = 32;
    // Requests read whole that may wait while every worker thread is busy; past it the request
    // is answered 503 with Retry-After at once.
    std::size_t accept_queue = 64;
    std::size_t max_requests_per_connection = 100;  // keep-alive requests on one connection
    // Bytes of unfinished requests the server holds in all. Past it, a connection that has sent
    // more than kSmallRequestBytes of a request still arriving gets 503 with Retry-After: a
    // crowd sending large bodies slowly cannot take the memory (4,096 connections x a 256 KB
    // body would be 1 GB), while ordinary small requests are still read.
    std::size_t max_buffered_bytes = 64 * 1024 * 1024;
    static constexpr std::size_t kSmallRequestBytes = 16 * 1024;
};

}  // namespace kb
