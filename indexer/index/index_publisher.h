// IndexPublisher: keeps an index directory as generations behind a Xapian stub file, so a
// finished build is switched in by one atomic rename and a failed one is never seen.
//
//   DIR/XAPIANDB      stub: "auto gen-..." — Xapian opens DIR through it
//   DIR/gen-.../      one complete Glass database per build
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "indexer/schema/index_layout.h"

namespace kb {

class IndexPublisher {
  public:
    explicit IndexPublisher(std::filesystem::path root);

    // A fresh, empty directory for a new generation. Throws IndexError.
    std::filesystem::path new_generation();

    // Points the stub at `generation` (atomic rename, the stub and its folder synced), then
    // removes generations older than the one it replaced: the previous one stays for readers
    // that still have it open. Throws IndexError.
    void publish(const std::filesystem::path& generation);

    // Removes what killed builds left behind: every generation but the live one and the one
    // before it (kept for readers that still have it open): `previous`, or else the newest that
    // sorts below the live one; and every stub a build was killed before renaming
    // (XAPIANDB.tmp-*). Only with the write lock held (IndexLock), so no other build can be
    // writing one of them.
    void reclaim(const std::optional<std::string>& previous = std::nullopt) const;

    // The generation the stub names, if any.
    std::optional<std::string> live_generation() const;

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path stub_path() const { return kb::stub_path(root_); }

  private:
    std::filesystem::path root_;
};

}  // namespace kb
