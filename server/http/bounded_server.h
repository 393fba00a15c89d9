// BoundedServer: httplib::Server with every client bounded by ConnectionLimits — who gets a
// connection thread, how long a request may take to arrive, how large its head may be, strict
// HTTP/1.1 framing — while httplib still routes, runs the handlers and writes their answers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <httplib.h>

#include "server/http/api_errors.h"
#include "server/http/connection_limits.h"
#include "server/http/connection_pool.h"

namespace kb {

class BoundedServer final : public httplib::Server {
  public:
    // Told of each request answered here rather than by httplib (status, code), for logs and metrics.
    using OnRefused = std::function<void(const ApiError&)>;

    // `threads`: connections served at once. `headers`: sent on every answer, these included.
    BoundedServer(ConnectionLimits limits, std::size_t threads, std::size_t max_body_bytes, httplib::Headers headers,
                  OnRefused on_refused);
    ~BoundedServer() override;

  private:
    // httplib's accept loop calls this for each new connection, on its own thread (our task
    // queue runs it inline): the connection is admitted to the pool or refused with a 503.
    bool process_and_close_socket(socket_t sock) override;
    // A connection thread's loop: request after request, each head read and checked here, then
    // handed to httplib through a DeadlineStream.
    void serve(int fd, int stop_fd);
    // Answers with `error` as JSON and Connection: close; the caller closes.
    bool answer(int fd, const ApiError& error, const std::string& message, int stop_fd,
                std::chrono::milliseconds write_timeout);

    ConnectionLimits limits_;
    std::size_t max_body_bytes_;
    httplib::Headers headers_;
    OnRefused on_refused_;
    ConnectionPool pool_;
};

}  // namespace kb
