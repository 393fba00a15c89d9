// BoundedServer: httplib::Server with every client bounded by ConnectionLimits — how many
// connections it may hold, how long a request may take to arrive, how large its head may be,
// strict HTTP/1.1 framing — while httplib still routes, runs the handlers and writes their answers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include <httplib.h>

#include "server/http/api_errors.h"
#include "server/http/connection.h"
#include "server/http/connection_limits.h"
#include "server/http/connection_poller.h"
#include "server/http/worker_pool.h"

namespace kb {

class BoundedServer final : public httplib::Server {
  public:
    // Told of each request answered here rather than by httplib (status, code), for logs and metrics.
    using OnRefused = std::function<void(const ApiError&)>;

    // `threads`: requests answered at once. `headers`: sent on every answer, these included.
    BoundedServer(ConnectionLimits limits, std::size_t threads, std::size_t max_body_bytes, httplib::Headers headers,
                  OnRefused on_refused);
    ~BoundedServer() override;

  private:
    // httplib's accept loop calls this for each new connection, on its own thread (our task
    // queue runs it inline): the connection goes to the poller, or is refused with a 503.
    bool process_and_close_socket(socket_t sock) override;
    // A worker's job: one request, read whole by the poller, answered by httplib through a
    // DeadlineStream; the connection then goes back to the poller or ends.
    void answer(PendingRequest& request, int stop_fd);
    // A whole answer with `error` as JSON and Connection: close, counted as refused.
    std::string refusal(const ApiError& error, const std::string& message);

    ConnectionLimits limits_;
    std::size_t max_body_bytes_;
    httplib::Headers headers_;
    OnRefused on_refused_;
    ConnectionPoller poller_;
    WorkerPool workers_;
};

}  // namespace kb
