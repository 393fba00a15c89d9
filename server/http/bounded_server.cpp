#include "server/http/bounded_server.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <utility>

#include <sys/socket.h>
#include <unistd.h>

#include "server/http/deadline_stream.h"
#include "server/http/request_head.h"
#include "server/http/socket_io.h"

namespace kb {

namespace {

std::string_view reason_of(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 431:
            return "Request Header Fields Too Large";
        case 503:
            return "Service Unavailable";
        default:
            return "Error";
    }
}

// A whole answer with a coded JSON error body, closing the connection.
std::string error_response(const ApiError& error, std::string_view message, const httplib::Headers& headers) {
    const std::string body = api_errors::body(error, message).dump();
    std::string text = "HTTP/1.1 " + std::to_string(error.status) + " " + std::string(reason_of(error.status)) + "\r\n";
    for (const auto& [name, value] : headers) text += name + ": " + value + "\r\n";
    if (error.status == 503) text += "Retry-After: 1\r\n";
    text += "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body;
    return text;
}

// httplib's accept loop hands each new connection to its task queue; this one runs it at once,
// on the accept thread, where BoundedServer hands it to the poller (or refuses it) without blocking.
class AdmitInline final : public httplib::TaskQueue {
  public:
    explicit AdmitInline(std::function<void()> on_shutdown) : on_shutdown_(std::move(on_shutdown)) {}
    void enqueue(std::function<void()> admit) override { admit(); }
    void shutdown() override { on_shutdown_(); }

  private:
    std::function<void()> on_shutdown_;
};

}  // namespace

BoundedServer::BoundedServer(ConnectionLimits limits, std::size_t threads, std::size_t max_body_bytes,
                             httplib::Headers headers, OnRefused on_refused)
    : limits_(std::move(limits)),
      max_body_bytes_(max_body_bytes),
      headers_(std::move(headers)),
      on_refused_(std::move(on_refused)),
      poller_(
          limits_, max_body_bytes_, [this](PendingRequest& request) { return workers_.submit(request); },
          [this](const ApiError& error, const std::string& message) { return refusal(error, message); }),
      workers_(
          threads, limits_.accept_queue, [this](PendingRequest& request, int stop_fd) { answer(request, stop_fd); },
          [this](PendingRequest& request) { poller_.close(std::move(request.connection)); }) {
    new_task_queue = [this] {
        // httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, built into the library):
        // a burst of connections past it would wait for SYN retries, seconds, before we could even
        // answer them. Listening again on the bound socket only widens the kernel's queue; we
        // accept at once and bound connections ourselves.
        ::listen(svr_sock_, SOMAXCONN);
        workers_.start();
        poller_.start();
        // The poller first: it hands no more requests to workers, whose waits the pool's stop ends.
        return new AdmitInline([this] {
            poller_.stop();
            workers_.stop();
        });
    };
    set_default_headers(headers_);
    set_payload_max_length(max_body_bytes_);
    // What httplib writes in its Keep-Alive header; the poller is what holds to it.
    set_keep_alive_timeout(
        std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(limits_.idle_timeout).count()));
    set_keep_alive_max_count(std::max<std::size_t>(limits_.max_requests_per_connection, 1));
}

BoundedServer::~BoundedServer() {
    poller_.stop();
    workers_.stop();
}

bool BoundedServer::process_and_close_socket(socket_t sock) {
    std::string client;
    int port = 0;
    socket_io::address_of(sock, true, client, port);
    const ConnectionPoller::Admission admission = poller_.admit(sock, client);
    if (admission == ConnectionPoller::Admission::Admitted) return true;
    if (admission != ConnectionPoller::Admission::Stopped) {
        const std::string message = admission == ConnectionPoller::Admission::ClientFull
                                        ? "this client has " + std::to_string(limits_.max_connections_per_client) +
                                              " connections open already; retry after a second"
                                        : "the server has " + std::to_string(poller_.max_connections()) +
                                              " connections open already; retry after a second";
        // This is the accept thread, so it must not wait: a new socket's empty send buffer
        // takes this small answer whole, and a client that is not reading gets nothing.
        const std::string text = refusal(api_errors::kOverloaded, message);
        [[maybe_unused]] const ssize_t sent = ::send(sock, text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(sock, SHUT_WR);
    }
    ::close(sock);
    return false;
}

std::string BoundedServer::refusal(const ApiError& error, const std::string& message) {
    if (on_refused_) on_refused_(error);
    return error_response(error, message, headers_);
}

void BoundedServer::answer(PendingRequest& request, int stop_fd) {
    Connection& connection = request.connection;
    DeadlineStream stream(connection.fd, std::move(connection.received), request.deadline, limits_.write_timeout,
                          stop_fd);
    bool client_closes = false;
    const bool last = ++connection.served >= std::max<std::size_t>(limits_.max_requests_per_connection, 1);
    const bool answered = httplib::Server::process_request(stream, last, client_closes, nullptr);
    // A body left unread (the request answered before it was read) would be taken for the next
    // request: the connection ends instead, after the client has had time to read the answer.
    const bool body_read = stream.taken() >= request.head_bytes + request.body_bytes;
    connection.received = std::move(stream).unread();
    if (answered && !body_read) return poller_.linger(std::move(connection));
    if (!answered || client_closes || last || stream.response_closes()) return poller_.close(std::move(connection));
    poller_.resume(std::move(connection));
}

}  // namespace kb
