// DeadlineStream: the httplib::Stream one request is read from and answered on. It serves the
// bytes already read (the head, perhaps the start of the body) first, then the socket, every read
// bounded by the request's one deadline, so a slow body takes no longer than a slow head.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <httplib.h>

#include "server/http/socket_io.h"

namespace kb {

class DeadlineStream final : public httplib::Stream {
  public:
    // `received`: what was read from `fd` already, this request's head first. `stop_fd` ends
    // every wait when the server stops.
    DeadlineStream(int fd, std::string received, socket_io::Clock::time_point deadline,
                   std::chrono::milliseconds write_timeout, int stop_fd);

    bool is_readable() const override;
    bool is_writable() const override;
    // -1 once the deadline has passed: httplib then answers 400 and the connection is closed.
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    socket_t socket() const override { return fd_; }

    // Bytes handed to httplib so far, head included.
    std::size_t taken() const { return taken_; }
    // What was read but not taken: the start of a pipelined next request.
    std::string unread() && { return received_.substr(position_); }
    // The response said it closes the connection (a handler's Connection: close, or httplib's).
    bool response_closes() const;

  private:
    int fd_;
    std::string received_;
    std::size_t position_ = 0;
    std::size_t taken_ = 0;
    socket_io::Clock::time_point deadline_;
    std::chrono::milliseconds write_timeout_;
    int stop_fd_;
    std::string response_head_;  // the first bytes written, up to the blank line
    bool response_head_done_ = false;
};

}  // namespace kb
