// WorkerPool: the threads that answer requests, and the bounded line of requests read whole that
// wait for one. A worker waits only on the CPU and on the client taking its answer.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "server/http/connection.h"

namespace kb {

class WorkerPool {
  public:
    // Answers one request; `stop_fd` becomes readable when the pool stops, ending every wait.
    using Serve = std::function<void(PendingRequest& request, int stop_fd)>;
    // Takes back a request that will not be answered (the pool stopped first).
    using Discard = std::function<void(PendingRequest& request)>;

    // `queue`: requests that may wait while every thread is busy.
    WorkerPool(std::size_t threads, std::size_t queue, Serve serve, Discard discard);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // Starts the threads (again, after a stop). Throws std::system_error when it cannot.
    void start();
    // Takes `request` for a worker, unless the pool is stopped or its line is full; false leaves
    // `request` with the caller.
    bool submit(PendingRequest& request);
    // Discards the requests still waiting, ends every wait and joins the threads.
    void stop();

  private:
    void work();

    const std::size_t threads_;
    const std::size_t queue_;
    Serve serve_;
    Discard discard_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<PendingRequest> waiting_;
    std::size_t idle_threads_ = 0;
    bool stopping_ = true;
    int stop_fd_ = -1;  // an eventfd, written once on stop
    std::vector<std::thread> workers_;
};

}  // namespace kb
