// Where tests find their inputs: the shared seeds (when ../shared exists) and files they read.
// Every on-disk test takes its own kb::TemporaryDirectory (indexer/index/temporary_directory.h).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "indexer/index/temporary_directory.h"

namespace kb::test {

using kb::TemporaryDirectory;

inline std::filesystem::path shared_dir() { return std::filesystem::path(KBSEARCH_SHARED_DIR); }
inline std::filesystem::path seeds_dir() { return shared_dir() / "seeds"; }
inline bool have_seeds() { return std::filesystem::exists(seeds_dir()); }
inline std::filesystem::path source_dir() { return std::filesystem::path(KBSEARCH_SOURCE_DIR); }

inline std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace kb::test
