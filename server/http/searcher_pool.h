// SearcherPool: one Searcher (and so one Xapian::Database) per worker thread, lent out per request.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "indexer/text/errors.h"
#include "server/search/searcher.h"

namespace kb {

// Every searcher stayed busy for as long as a request may wait, or too many requests wait
// already: HTTP 503 with Retry-After, rather than a queue that grows without bound.
class OverloadedError : public Error {
  public:
    using Error::Error;
};

class SearcherPool {
  public:
    // Opens `size` searchers on the index. Throws IndexError when there is no index. A request
    // waits at most `max_wait` for a searcher, and at most `max_waiting` requests wait at once.
    // The searchers share one ShardHealth, and so one view of which remote shards are down.
    // Each request a searcher serves may match for `time_budget` (0: no limit). The searchers
    // share one ResultCache of `cache_bytes` (0: none).
    SearcherPool(const std::filesystem::path& db, std::size_t size,
                 std::chrono::milliseconds max_wait = std::chrono::seconds(2), std::size_t max_waiting = 64,
                 bool partial_results = false, std::chrono::microseconds time_budget = {}, std::size_t cache_bytes = 0);

    // A searcher for the duration of one request; returned to the pool on destruction.
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher, std::uint64_t epoch)
            : pool_(pool), searcher_(std::move(searcher)), epoch_(epoch) {}
        ~Lease() { pool_.give_back(std::move(searcher_), epoch_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Searcher* operator->() { return searcher_.get(); }
        Searcher& operator*() { return *searcher_; }

      private:
        SearcherPool& pool_;
        std::unique_ptr<Searcher> searcher_;
        std::uint64_t epoch_;
    };

    // Waits for a free searcher, switched to the newest published index. Throws OverloadedError
    // when none comes free in time or the wait line is full.
    Lease borrow();

    // A request failed on a remote shard: every searcher connects again before its next
    // request, since the others' connections to that shard are as dead as this one's.
    void reconnect_all() { ++epoch_; }

    const ShardHealth& shard_health() const { return *health_; }
    // The shared result cache's counts; none when there is no cache.
    std::optional<ResultCache::Stats> cache_stats() const {
        return cache_ ? std::optional<ResultCache::Stats>(cache_->stats()) : std::nullopt;
    }

  private:
    struct Idle {
        std::unique_ptr<Searcher> searcher;
        std::uint64_t epoch;  // reconnect_all() calls it has seen
    };
    void give_back(std::unique_ptr<Searcher> searcher, std::uint64_t epoch);

    std::mutex mutex_;
    std::condition_variable available_;
    std::shared_ptr<ShardHealth> health_ = std::make_shared<ShardHealth>();
    std::shared_ptr<ResultCache> cache_;
    std::atomic<std::uint64_t> epoch_ = 0;
    std::vector<Idle> idle_;
    std::chrono::milliseconds max_wait_;
    std::size_t max_waiting_;
    std::size_t waiting_ = 0;
};

}  // namespace kb
