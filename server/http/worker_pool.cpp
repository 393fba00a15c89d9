#include "server/http/worker_pool.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <system_error>

#include <sys/eventfd.h>
#include <unistd.h>

namespace kb {

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue, Serve serve, Discard discard)
    : threads_(std::max<std::size_t>(threads, 1)),
      queue_(queue),
      serve_(std::move(serve)),
      discard_(std::move(discard)) {}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::start() {
    stop();
    stop_fd_ = ::eventfd(0, EFD_CLOEXEC);
    if (stop_fd_ < 0) throw std::system_error(errno, std::generic_category(), "eventfd");
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    for (std::size_t i = 0; i < threads_; ++i) workers_.emplace_back([this] { work(); });
}

bool WorkerPool::submit(PendingRequest& request) {
    std::lock_guard lock(mutex_);
    // Idle threads take from the line at once; only what is left over waits.
    if (stopping_ || waiting_.size() >= idle_threads_ + queue_) return false;
    waiting_.push_back(std::move(request));
    wake_.notify_one();
    return true;
}

void WorkerPool::work() {
    for (;;) {
        PendingRequest next;
        {
            std::unique_lock lock(mutex_);
            ++idle_threads_;
            wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
            --idle_threads_;
            if (stopping_) return;
            next = std::move(waiting_.front());
            waiting_.pop_front();
        }
        serve_(next, stop_fd_);
    }
}

void WorkerPool::stop() {
    std::deque<PendingRequest> unanswered;
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && workers_.empty()) return;
        stopping_ = true;
        unanswered.swap(waiting_);
    }
    for (PendingRequest& request : unanswered) discard_(request);
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
