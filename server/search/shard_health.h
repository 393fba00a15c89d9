// ShardHealth: what the server knows of each shard a stub lists (up, or down since when and
// why), shared by every worker's searcher, so a shard that is down is retried on a back-off
// rather than on every request, and /api/health and /metrics can name it.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace kb {

class ShardHealth {
  public:
    using Clock = std::chrono::steady_clock;

    struct State {
        std::string shard;  // as the stub names it: "host:port", or the local folder's name
        bool up = true;
        unsigned failures = 0;    // in a row, since it was last up
        std::string error;        // the last failure, in our words; empty while up
        Clock::time_point since;  // when it went up or down
    };

    // Back-off after each failure in a row: 100 ms, doubling, at most `max_backoff`, so a shard
    // that comes back is found again within that long.
    explicit ShardHealth(std::chrono::milliseconds max_backoff = std::chrono::seconds(1));

    void record_up(const std::string& shard);
    void record_down(const std::string& shard, const std::string& error);
    // Whether a connection to `shard` may be tried now: it is up, unknown, or its back-off passed.
    bool may_try(const std::string& shard) const;
    std::vector<State> states() const;
    bool any_down() const;

  private:
    struct Entry {
        State state;
        Clock::time_point retry_at;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Entry> shards_;
    std::chrono::milliseconds max_backoff_;
};

}  // namespace kb
