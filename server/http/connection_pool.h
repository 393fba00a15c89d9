// ConnectionPool: the connection threads and the bounded line of accepted connections waiting for
// one, counted per client address, so no client — and no crowd — holds more than its share.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http/connection_limits.h"

namespace kb {

class ConnectionPool {
  public:
    // Serves one connection to its end; the pool closes `fd` after. `stop_fd` becomes readable
    // when the pool stops, so that every wait can end at once.
    using Serve = std::function<void(int fd, int stop_fd)>;
    enum class Admission { Queued, ClientFull, Busy, Stopped };

    ConnectionPool(std::size_t threads, const ConnectionLimits& limits, Serve serve);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // Starts the threads (again, after a stop). Throws std::system_error when it cannot.
    void start();
    // Takes `fd` from `client` into the line, unless that client already holds its share of
    // connections or every thread is busy and the line is full; the caller then keeps `fd`.
    Admission admit(int fd, const std::string& client);
    // Closes the connections still waiting, ends every wait and joins the threads; a request
    // being answered is finished first.
    void stop();

  private:
    struct Waiting {
        int fd;
        std::string client;
    };
    void work();
    void release(const std::string& client);  // with mutex_ held

    const std::size_t threads_;
    const ConnectionLimits& limits_;
    Serve serve_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Waiting> waiting_;
    std::unordered_map<std::string, std::size_t> open_by_client_;
    std::size_t idle_threads_ = 0;
    bool stopping_ = true;
    int stop_fd_ = -1;  // an eventfd, written once on stop
    std::vector<std::thread> workers_;
};

}  // namespace kb
