// SearcherPool: one Searcher (and so one Xapian::Database) per worker thread, lent out per request.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "server/search/searcher.h"

namespace kb {

class SearcherPool {
  public:
    // Opens `size` searchers on the index. Throws IndexError when there is no index.
    SearcherPool(const std::filesystem::path& db, std::size_t size);

    // A searcher for the duration of one request; returned to the pool on destruction.
    class Lease {
      public:
        Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher) : pool_(pool), searcher_(std::move(searcher)) {}
        ~Lease() { pool_.give_back(std::move(searcher_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Searcher* operator->() { return searcher_.get(); }
        Searcher& operator*() { return *searcher_; }

      private:
        SearcherPool& pool_;
        std::unique_ptr<Searcher> searcher_;
    };

    // Waits for a free searcher, switched to the newest published index.
    Lease borrow();

  private:
    void give_back(std::unique_ptr<Searcher> searcher);

    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Searcher>> idle_;
};

}  // namespace kb
