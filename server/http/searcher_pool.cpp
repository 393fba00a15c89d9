#include "server/http/searcher_pool.h"

namespace kb {

SearcherPool::SearcherPool(const std::filesystem::path& db, std::size_t size, std::chrono::milliseconds max_wait,
                           std::size_t max_waiting)
    : max_wait_(max_wait), max_waiting_(max_waiting) {
    for (std::size_t i = 0; i < std::max<std::size_t>(size, 1); ++i) idle_.push_back(std::make_unique<Searcher>(db));
}

SearcherPool::Lease SearcherPool::borrow() {
    std::unique_ptr<Searcher> searcher;
    {
        std::unique_lock lock(mutex_);
        if (idle_.empty()) {
            if (waiting_ >= max_waiting_) throw OverloadedError("the server is busy: too many requests are waiting");
            ++waiting_;
            const bool free = available_.wait_for(lock, max_wait_, [this] { return !idle_.empty(); });
            --waiting_;
            if (!free) throw OverloadedError("the server is busy: no worker came free in time");
        }
        searcher = std::move(idle_.back());
        idle_.pop_back();
    }
    // A request in flight keeps the generation it started with; the next one sees a re-index.
    try {
        searcher->refresh();
    } catch (...) {
        give_back(std::move(searcher));  // keep the pool whole, then report the failure
        throw;
    }
    return Lease(*this, std::move(searcher));
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher) {
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(searcher));
    }
    available_.notify_one();
}

}  // namespace kb
