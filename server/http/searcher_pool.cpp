#include "server/http/searcher_pool.h"

namespace kb {

SearcherPool::SearcherPool(const std::filesystem::path& db, std::size_t size, std::chrono::milliseconds max_wait,
                           std::size_t max_waiting, bool partial_results, std::chrono::microseconds time_budget,
                           std::size_t cache_bytes)
    : max_wait_(max_wait), max_waiting_(max_waiting) {
    if (cache_bytes > 0) cache_ = std::make_shared<ResultCache>(cache_bytes);
    const ShardPolicy policy{health_, partial_results, true};
    for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) {
        idle_.push_back(Idle{std::make_unique<Searcher>(db, policy), 0});
        idle_.back().searcher->set_time_budget(time_budget);
        idle_.back().searcher->set_result_cache(cache_);
    }
}

SearcherPool::Lease SearcherPool::borrow() {
    Idle idle;
    {
        std::unique_lock lock(mutex_);
        if (idle_.empty()) {
            if (waiting_ >= max_waiting_) throw OverloadedError("the server is busy: too many requests are waiting");
            ++waiting_;
            const bool free = available_.wait_for(lock, max_wait_, [this] { return !idle_.empty(); });
            --waiting_;
            if (!free) throw OverloadedError("the server is busy: no worker came free in time");
        }
        idle = std::move(idle_.back());
        idle_.pop_back();
    }
    const std::uint64_t epoch = epoch_.load();
    if (idle.epoch != epoch) idle.searcher->reconnect();
    // A request in flight keeps the generation it started with; the next one sees a re-index.
    try {
        idle.searcher->refresh();
    } catch (...) {
        give_back(std::move(idle.searcher), epoch);  // keep the pool whole, then report the failure
        throw;
    }
    return Lease(*this, std::move(idle.searcher), epoch);
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher, std::uint64_t epoch) {
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(Idle{std::move(searcher), epoch});
    }
    available_.notify_one();
}

}  // namespace kb
