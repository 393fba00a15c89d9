// The on-disk layout of an index directory (schema.h names its parts): where the stub is and
// which generation it names. The publisher writes it; the searcher and the server read it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace kb {

// DIR/XAPIANDB.
std::filesystem::path stub_path(const std::filesystem::path& index_dir);

// The generation the stub names ("gen-..."), or nullopt when there is no stub (a plain
// database, or nothing published yet).
std::optional<std::string> live_generation(const std::filesystem::path& index_dir);

}  // namespace kb
