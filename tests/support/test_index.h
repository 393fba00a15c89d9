// Builds a real index for a test, the way `kbsearch index` does (IndexBuilder, a published
// generation behind the stub), so tests search what users search.
#pragma once

#include <filesystem>
#include <vector>

#include "indexer/index/index_builder.h"

namespace kb::test {

// Indexes `inputs` (files or folders) into `db` and returns the report. Throws as IndexBuilder does.
// `jobs` is the number of writer threads (0: one per core).
BuildReport build_index(const std::filesystem::path& db, const std::vector<std::filesystem::path>& inputs,
                        unsigned jobs = 0);

}  // namespace kb::test
