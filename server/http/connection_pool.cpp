#include "server/http/connection_pool.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>

#include <sys/eventfd.h>
#include <unistd.h>

namespace kb {

ConnectionPool::ConnectionPool(std::size_t threads, const ConnectionLimits& limits, Serve serve)
    : threads_(std::max<std::size_t>(threads, 1)), limits_(limits), serve_(std::move(serve)) {}

ConnectionPool::~ConnectionPool() { stop(); }

void ConnectionPool::start() {
    stop();
    stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
    if (stop_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    for (std::size_t i = 0; i < threads_; ++i) workers_.emplace_back([this] { work(); });
}

ConnectionPool::Admission ConnectionPool::admit(int fd, const std::string& client) {
    std::lock_guard lock(mutex_);
    if (stopping_) return Admission::Stopped;
    std::size_t& open = open_by_client_[client];
    if (limits_.max_connections_per_client != 0 && open >= limits_.max_connections_per_client)
        return Admission::ClientFull;  // `open` is not 0 here, so the entry was there before
    // Idle threads take from the line at once; only what is left over waits.
    if (waiting_.size() >= idle_threads_ + limits_.accept_queue) {
        if (open == 0) open_by_client_.erase(client);
        return Admission::Busy;
    }
    ++open;
    waiting_.push_back({fd, client});
    wake_.notify_one();
    return Admission::Queued;
}

void ConnectionPool::release(const std::string& client) {
    const auto it = open_by_client_.find(client);
    if (it != open_by_client_.end() && --it->second == 0) open_by_client_.erase(it);
}

void ConnectionPool::work() {
    for (;;) {
        Waiting next;
        {
            std::unique_lock lock(mutex_);
            ++idle_threads_;
            wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
            --idle_threads_;
            if (stopping_) return;
            next = std::move(waiting_.front());
            waiting_.pop_front();
        }
        serve_(next.fd, stop_fd_);
        ::close(next.fd);
        std::lock_guard lock(mutex_);
        release(next.client);
    }
}

void ConnectionPool::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && workers_.empty()) return;
        stopping_ = true;
        for (const Waiting& waiting : waiting_) {
            ::close(waiting.fd);
            release(waiting.client);
        }
        waiting_.clear();
    }
    wake_.notify_all();
    const std::uint64_t one = 1;
    // Level-triggered: every wait on it, now or later, ends at once. Writing 1 to a fresh
    // eventfd cannot fail (only a counter at 2^64-2 could).
    [[maybe_unused]] const ssize_t written = ::write(stop_fd_, &one, sizeof one);
    for (std::thread& worker : workers_) worker.join();
    workers_.clear();
    ::close(stop_fd_);
    stop_fd_ = -1;
}

}  // namespace kb
