// One real xapian-tcpsrv serving one database on a loopback port, which a test may kill and
// start again on the same port (a shard that goes down and comes back).
#pragma once

#include <filesystem>
#include <optional>

#include <sys/types.h>

namespace kb::test {

// A loopback port nothing listens on now.
int free_loopback_port();

// Whether something accepts connections on the loopback port.
bool accepts(int port);

class ShardServer {
  public:
    // Serves `database` on a free port; `idle_timeout_ms` is how long xapian-tcpsrv keeps an
    // idle connection (its default: a minute).
    explicit ShardServer(std::filesystem::path database, std::optional<int> idle_timeout_ms = std::nullopt);
    ~ShardServer();
    ShardServer(const ShardServer&) = delete;
    ShardServer& operator=(const ShardServer&) = delete;

    int port() const { return port_; }
    // SIGKILL to the server and every connection it forked: the shard is gone at once.
    void kill_now();
    // Serves again on the same port.
    void start();
    bool running() const { return pid_ > 0; }

  private:
    std::filesystem::path database_;
    std::optional<int> idle_timeout_ms_;
    int port_;
    pid_t pid_ = 0;
};

}  // namespace kb::test
