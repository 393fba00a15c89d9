#include "indexer/index/shard_merge.h"

#include <xapian.h>

#include "indexer/schema/schema.h"

namespace kb {

namespace {

void compact(const std::vector<std::filesystem::path>& sources, const std::filesystem::path& out) {
    Xapian::Database all;
    for (const auto& source : sources) all.add_database(Xapian::Database(source.string()));
    all.compact(out.string());
}

}  // namespace

void merge_parts(const std::vector<std::filesystem::path>& parts, const std::filesystem::path& out) {
    std::vector<std::filesystem::path> questions;
    for (const auto& part : parts) questions.push_back(part / schema::kQuestionsDatabase);
    compact(parts, out);
    compact(questions, out / schema::kQuestionsDatabase);
}

}  // namespace kb
