#include "server/http/deadline_stream.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

#include <poll.h>
#include <sys/socket.h>

namespace kb {

namespace {

// Enough for any head httplib writes; past it the head is not looked at further.
constexpr std::size_t kMaxResponseHeadBytes = 16 * 1024;

}  // namespace

DeadlineStream::DeadlineStream(int fd, std::string received, socket_io::Clock::time_point deadline,
                               std::chrono::milliseconds write_timeout, int stop_fd)
    : fd_(fd), received_(std::move(received)), deadline_(deadline), write_timeout_(write_timeout), stop_fd_(stop_fd) {}

bool DeadlineStream::is_readable() const {
    return position_ < received_.size() || socket_io::wait_until(fd_, POLLIN, deadline_, stop_fd_);
}

bool DeadlineStream::is_writable() const {
    return socket_io::wait_until(fd_, POLLOUT, socket_io::Clock::now() + write_timeout_, stop_fd_);
}

ssize_t DeadlineStream::read(char* ptr, size_t size) {
    if (position_ < received_.size()) {
        const std::size_t n = std::min(size, received_.size() - position_);
        std::memcpy(ptr, received_.data() + position_, n);
        position_ += n;
        taken_ += n;
        return static_cast<ssize_t>(n);
    }
    // Straight from the socket, never more than asked: httplib asks for exactly the body's
    // length, so a pipelined next request stays in the socket for the next round.
    for (;;) {
        if (!socket_io::wait_until(fd_, POLLIN, deadline_, stop_fd_)) return -1;
        const ssize_t n = ::recv(fd_, ptr, size, MSG_DONTWAIT);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) continue;
        if (n > 0) taken_ += static_cast<std::size_t>(n);
        return n;
    }
}

ssize_t DeadlineStream::write(const char* ptr, size_t size) {
    if (!response_head_done_) {
        response_head_.append(ptr, std::min(size, kMaxResponseHeadBytes - response_head_.size()));
        response_head_done_ =
            response_head_.find("\r\n\r\n") != std::string::npos || response_head_.size() >= kMaxResponseHeadBytes;
    }
    if (!socket_io::send_all(fd_, std::string_view(ptr, size), write_timeout_, stop_fd_)) return -1;
    return static_cast<ssize_t>(size);
}

void DeadlineStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    socket_io::address_of(fd_, true, ip, port);
}

void DeadlineStream::get_local_ip_and_port(std::string& ip, int& port) const {
    socket_io::address_of(fd_, false, ip, port);
}

bool DeadlineStream::response_closes() const {
    std::string head = response_head_.substr(0, response_head_.find("\r\n\r\n") + 2);
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    return head.find("\r\nconnection: close\r\n") != std::string::npos;
}

}  // namespace kb
