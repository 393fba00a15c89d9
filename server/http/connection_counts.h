// ConnectionCounts: the open connections, in all and per client address, so that no client — and
// no crowd — holds more than its share of sockets. Safe to use from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace kb {

class ConnectionCounts {
  public:
    enum class Admission { Admitted, ClientFull, Full };

    // `per_client`: 0 for no limit.
    ConnectionCounts(std::size_t total, std::size_t per_client) : total_(total), per_client_(per_client) {}

    // Counts one more connection from `client`, unless that would pass either limit.
    Admission admit(const std::string& client);
    // The connection from `client` that admit() counted is closed.
    void release(const std::string& client);
    std::size_t open() const;

  private:
    const std::size_t total_;
    const std::size_t per_client_;
    mutable std::mutex mutex_;
    std::size_t open_ = 0;
    std::unordered_map<std::string, std::size_t> open_by_client_;
};

}  // namespace kb
