#include "server/http/bounded_server.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <utility>

#include <poll.h>
#include <sys/socket.h>

#include "server/http/deadline_stream.h"
#include "server/http/request_head.h"
#include "server/http/socket_io.h"

namespace kb {

namespace {

using socket_io::Clock;

// After an answer that leaves the request unread, the connection is read from and what arrives
// dropped for a while, so the client reads the answer instead of a reset (closing with its bytes
// still arriving would reset the connection). A declared body is drained up to the request's
// deadline and kMaxDrainBytes, as browsers and curl read no answer before their body is out;
// the rest of a head we refused (a flood of headers, say) is owed less.
constexpr std::chrono::milliseconds kHeadLinger{500};
constexpr std::size_t kHeadLingerBytes = 1024 * 1024;
constexpr std::uint64_t kMaxDrainBytes = 64 * 1024 * 1024;

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
// on the accept thread, where BoundedServer admits it to the pool (or refuses it) without blocking.
class AdmitInline final : public httplib::TaskQueue {
  public:
    explicit AdmitInline(ConnectionPool& pool) : pool_(pool) {}
    void enqueue(std::function<void()> admit) override { admit(); }
    void shutdown() override { pool_.stop(); }

  private:
    ConnectionPool& pool_;
};

}  // namespace

BoundedServer::BoundedServer(ConnectionLimits limits, std::size_t threads, std::size_t max_body_bytes,
                             httplib::Headers headers, OnRefused on_refused)
    : limits_(std::move(limits)),
      max_body_bytes_(max_body_bytes),
      headers_(std::move(headers)),
      on_refused_(std::move(on_refused)),
      pool_(threads, limits_, [this](int fd, int stop_fd) { serve(fd, stop_fd); }) {
    new_task_queue = [this] {
        // httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, built into the library):
        // a burst of connections past it would wait for SYN retries, seconds, before we could even
        // answer them. Listening again on the bound socket only widens the kernel's queue; we
        // accept at once and bound connections ourselves.
        ::listen(svr_sock_, SOMAXCONN);
        pool_.start();
        return new AdmitInline(pool_);
    };
    set_default_headers(headers_);
    set_payload_max_length(max_body_bytes_);
    // What httplib writes in its Keep-Alive header; serve() is what holds to it.
    set_keep_alive_timeout(
        std::max<time_t>(1, std::chrono::duration_cast<std::chrono::seconds>(limits_.idle_timeout).count()));
    set_keep_alive_max_count(std::max<std::size_t>(limits_.max_requests_per_connection, 1));
}

BoundedServer::~BoundedServer() { pool_.stop(); }

bool BoundedServer::process_and_close_socket(socket_t sock) {
    std::string client;
    int port = 0;
    socket_io::address_of(sock, true, client, port);
    const ConnectionPool::Admission admission = pool_.admit(sock, client);
    if (admission == ConnectionPool::Admission::Queued) return true;
    if (admission != ConnectionPool::Admission::Stopped) {
        const std::string message = admission == ConnectionPool::Admission::ClientFull
                                        ? "this client has " + std::to_string(limits_.max_connections_per_client) +
                                              " connections open already; retry after a second"
                                        : "every connection is busy; retry after a second";
        // This is the accept thread, so it must not wait: a new socket's empty send buffer
        // takes this small answer whole, and a client that is not reading gets nothing.
        const std::string text = error_response(api_errors::kOverloaded, message, headers_);
        [[maybe_unused]] const ssize_t sent = ::send(sock, text.data(), text.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        ::shutdown(sock, SHUT_WR);
        if (on_refused_) on_refused_(api_errors::kOverloaded);
    }
    ::close(sock);
    return false;
}

bool BoundedServer::answer(int fd, const ApiError& error, const std::string& message, int stop_fd,
                           std::chrono::milliseconds write_timeout) {
    if (on_refused_) on_refused_(error);
    return socket_io::send_all(fd, error_response(error, message, headers_), write_timeout, stop_fd);
}

void BoundedServer::serve(int fd, int stop_fd) {
    std::string received;  // read from the socket, not yet handed on: the next request's start
    for (std::size_t served = 0; served < limits_.max_requests_per_connection; ++served) {
        // Before each request a client may be silent this long; a pipelined one is already here.
        if (received.empty() && !socket_io::wait_until(fd, POLLIN, Clock::now() + limits_.idle_timeout, stop_fd))
            return;
        // One deadline for the whole request, head and body, however the client paces it.
        const auto deadline = Clock::now() + limits_.request_timeout;
        RequestHead head(limits_, max_body_bytes_);
        RequestHead::State state;
        while ((state = head.scan(received)) == RequestHead::State::Incomplete) {
            // Too slow, or gone: closed without an answer, as there is no request to answer.
            if (!socket_io::wait_until(fd, POLLIN, deadline, stop_fd)) return;
            char chunk[4096];
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (n == 0) return;
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
                return;
            }
            received.append(chunk, static_cast<std::size_t>(n));
        }
        if (state == RequestHead::State::Refused) {
            if (!answer(fd, *head.refusal().error, head.refusal().message, stop_fd, limits_.write_timeout)) return;
            if (head.refusal().error == &api_errors::kBodyTooLarge) {
                const std::uint64_t body = std::min(head.content_length(), kMaxDrainBytes);
                socket_io::finish_sending(fd, deadline, static_cast<std::size_t>(body), stop_fd);
            } else {
                socket_io::finish_sending(fd, std::min(deadline, Clock::now() + kHeadLinger), kHeadLingerBytes,
                                          stop_fd);
            }
            return;
        }
        DeadlineStream stream(fd, std::move(received), deadline, limits_.write_timeout, stop_fd);
        bool client_closes = false;
        const bool last = served + 1 == limits_.max_requests_per_connection;
        const bool answered = httplib::Server::process_request(stream, last, client_closes, nullptr);
        // A body left unread (the request answered before it was read) would be taken for the
        // next request: the connection ends instead.
        const bool body_read = stream.taken() >= head.size() + head.content_length();
        if (!answered || client_closes || last || !body_read || stream.response_closes()) {
            if (answered && !body_read) {
                const std::uint64_t unread = head.size() + head.content_length() - stream.taken();
                socket_io::finish_sending(fd, deadline, static_cast<std::size_t>(std::min(unread, kMaxDrainBytes)),
                                          stop_fd);
            }
            return;
        }
        received = std::move(stream).unread();
    }
}

}  // namespace kb
