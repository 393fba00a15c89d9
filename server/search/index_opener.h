// Opens a published index as one Xapian::Database, reading its stubs (Xapian's stub format)
// itself so each shard is opened on its own: a remote shard with bounded timeouts, and one that
// cannot be reached is named — left out when partial results are allowed, an error otherwise.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/text/errors.h"
#include "server/search/shard_health.h"

namespace kb {

// A shard the index lists cannot be reached: HTTP 503 `shard_unavailable`, naming it.
class ShardUnavailableError : public IndexError {
  public:
    ShardUnavailableError(std::vector<std::string> shards, const std::string& message)
        : IndexError(message), shards_(std::move(shards)) {}
    const std::vector<std::string>& shards() const { return shards_; }

  private:
    std::vector<std::string> shards_;
};

// How a searcher treats shards that are down.
struct ShardPolicy {
    std::shared_ptr<ShardHealth> health;  // shared by a server's searchers; a searcher's own when null
    bool partial_results = false;         // answer from the shards that are up, naming the others
    // A server starts while a shard is down and answers 503 until it is up; a command fails.
    bool start_while_down = false;
};

struct OpenedIndex {
    Xapian::Database db;
    std::vector<std::string> missing;  // remote shards left out (only with partial results)
    bool remote = false;               // a shard is named `remote HOST:PORT`, up or not
};

// Opens `path`: a plain database, a folder holding a stub, or a stub file; stubs may name
// stubs. A remote shard whose back-off has not passed is not tried again. Throws
// ShardUnavailableError for a missing shard (unless partial results are allowed and another
// shard holds documents) and IndexError for a stub that cannot be read or lists nothing.
OpenedIndex open_index(const std::filesystem::path& path, ShardHealth& health, bool partial_results);

}  // namespace kb
