// IndexUpdater: changes the live index in place, without a rebuild. `kbsearch index --update`
// adds or replaces threads by id; `kbsearch delete` removes them. Each update is one Xapian
// transaction on the main database, then one on the questions database, under the write lock:
// readers see all of an update or none of it, and a running server on its next request.
#pragma once

#include <chrono>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include "indexer/index/index_builder.h"

namespace kb {

struct UpdateReport {
    std::size_t files_read = 0;
    std::size_t added = 0, replaced = 0, removed = 0;
    std::vector<std::string> not_found;  // ids a delete named that the index does not hold
    std::vector<ParseError> skipped;
    std::size_t warnings = 0;                     // records kept with a field left out (printed as they came)
    std::size_t threads_in_duplicate_groups = 0;  // of the threads added or replaced
    bool repaired = false;                        // an earlier update cut off between its two commits was completed
    double seconds = 0;
};

class IndexUpdater {
  public:
    // `lock_wait`: how long to wait for another writer of the same directory.
    explicit IndexUpdater(std::chrono::milliseconds lock_wait = std::chrono::seconds(30)) : lock_wait_(lock_wait) {}

    // Adds or replaces the threads read from options.inputs in the index at options.db.
    // Throws IndexError when there is no published index or nothing could be read.
    UpdateReport update(const BuildOptions& options, std::ostream& log) const;

    // Removes the threads with these ids; says on `log` (if given) when it waits for another
    // writer. Throws IndexError when there is no published index.
    UpdateReport remove(const std::filesystem::path& db, const std::vector<std::string>& ids,
                        std::ostream* log = nullptr) const;

    // Completes an update of `generation` cut off between its two commits, in each database of
    // it (a single index, or each shard); true when there was one. Every writer of a live
    // generation calls it first, with the write lock held. Throws Xapian::Error.
    static bool complete_cut_off_update(const std::filesystem::path& generation);

  private:
    std::chrono::milliseconds lock_wait_;
};

}  // namespace kb
