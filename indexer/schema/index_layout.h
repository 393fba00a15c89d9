// The on-disk layout of an index directory (schema.h names its parts): where the stub is and
// which generation it names. The publisher writes it; the searcher and the server read it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kb {

// DIR/XAPIANDB.
std::filesystem::path stub_path(const std::filesystem::path& index_dir);

// The generation the stub names ("gen-..."), or nullopt when there is no stub (a plain
// database, or nothing published yet).
std::optional<std::string> live_generation(const std::filesystem::path& index_dir);

// One database line of a Xapian stub file: its type ("auto", "glass", "chert", "remote") and
// what it names (a path, relative to the stub's folder, or a remote shard's address).
struct StubEntry {
    std::string type;
    std::string target;
    std::string line;  // as written, for messages
};

// The database lines of a stub; blank lines and comments skipped. Throws IndexError when the
// file cannot be read or a line names no database. The searcher and the updater both read
// stubs: one reader, so they cannot disagree on what a stub lists.
std::vector<StubEntry> read_stub(const std::filesystem::path& stub);

}  // namespace kb
