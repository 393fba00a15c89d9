#include "server/http/socket_io.h"

#include <algorithm>
#include <cerrno>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

namespace kb::socket_io {

bool wait_until(int fd, short events, Clock::time_point deadline, int stop_fd) {
    for (;;) {
        const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
        const int n = ::poll(fds, stop_fd >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left, 60'000)));
        if (n < 0 && errno != EINTR) return false;
        if (n <= 0) continue;
        if (stop_fd >= 0 && (fds[1].revents & POLLIN)) return false;
        if (fds[0].revents & events) return true;
        if (fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) return false;
    }
}

bool send_all(int fd, std::string_view bytes, std::chrono::milliseconds timeout, int stop_fd) {
    while (!bytes.empty()) {
        if (!wait_until(fd, POLLOUT, Clock::now() + timeout, stop_fd)) return false;
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
            return false;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

void address_of(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    ip.clear();
    port = 0;
    if ((peer ? ::getpeername(fd, raw, &size) : ::getsockname(fd, raw, &size)) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    ip = text;
}

void finish_sending(int fd, Clock::time_point deadline, std::size_t max_bytes, int stop_fd) {
    ::shutdown(fd, SHUT_WR);
    // Bounded in time and bytes: a client that keeps sending is cut off (a reset) after this.
    std::size_t drained = 0;
    char sink[16 * 1024];
    while (drained < max_bytes && wait_until(fd, POLLIN, deadline, stop_fd)) {
        const ssize_t n = ::recv(fd, sink, sizeof sink, MSG_DONTWAIT);
        if (n == 0) return;
        if (n < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
            return;
        }
        drained += static_cast<std::size_t>(n);
    }
}

}  // namespace kb::socket_io
