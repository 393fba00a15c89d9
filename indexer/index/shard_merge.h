// Merging parts written in parallel into one generation with Xapian's compaction, which also
// leaves the merged tables full and small (a built-up database's blocks are part empty).
#pragma once

#include <filesystem>
#include <vector>

namespace kb {

// Compacts the IndexWriter databases in `parts` (each with its questions database) into
// `out` and out/schema::kQuestionsDatabase. Document ids are renumbered part by part. Throws
// Xapian::Error.
void merge_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out);

}  // namespace kb
