// ResultCache: the searches a server has already answered on the index as it is now, shared by
// its searchers, so that a repeated query (the error code every moderator types today, the
// prefixes of as-you-type) costs a lookup instead of a search. Bounded in bytes, the least
// recently used out first; any change to the index (a re-index, a live update, a synonym swap)
// starts it afresh. Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/search/search_types.h"

namespace kb {

class ResultCache {
  public:
    explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // What the cache holds answers for: read by a searcher before it looks for changes to the
    // index, and used by it only when it found none (see Searcher::refresh).
    std::uint64_t version() const;
    // A searcher saw the index change: every answer held so far is dropped, and answers of the
    // versions before are refused from now on.
    void changed();

    // The answer to `key` stored under `version`, when that is still the cache's version.
    std::optional<SearchResult> find(std::uint64_t version, const std::string& key);
    // Keeps `result` for `key` unless the index changed since `version`, or it alone would
    // take more than an eighth of the cache.
    void store(std::uint64_t version, const std::string& key, const SearchResult& result);

    struct Stats {
        std::uint64_t hits = 0, misses = 0;
        std::size_t entries = 0, bytes = 0, max_bytes = 0;
    };
    Stats stats() const;

    // The key of a search: every field of the request that can change its answer.
    static std::string key_of(const SearchRequest& request);
    // About what `result` holds in memory: its strings and a fixed cost per part.
    static std::size_t bytes_of(const SearchResult& result);

  private:
    struct Entry {
        std::string key;
        SearchResult result;
        std::size_t bytes;
    };
    void evict_to(std::size_t bytes);  // with mutex_ held

    const std::size_t max_bytes_;
    mutable std::mutex mutex_;
    std::uint64_t version_ = 0;
    std::list<Entry> order_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
    std::size_t bytes_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace kb
