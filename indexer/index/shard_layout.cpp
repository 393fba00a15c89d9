#include "indexer/index/shard_layout.h"

#include <fstream>
#include <string>

#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

void write_stub(const fs::path& file, const std::string& lines) {
    std::ofstream out(file, std::ios::trunc);
    out << lines;
    out.flush();
    if (!out) throw IndexError("cannot write " + file.string());
}

}  // namespace

fs::path shard_path(const fs::path& generation, std::size_t index) {
    return generation / (std::string(schema::kShardPrefix) + std::to_string(index));
}

void write_shard_stubs(const fs::path& generation, std::size_t shards) {
    // Relative paths: Xapian resolves them against the stub's folder, so the index can move.
    std::string main = "auto " + std::string(schema::kSpellingDatabase) + "\n", questions;
    for (std::size_t i = 0; i < shards; ++i) {
        const std::string shard = shard_path({}, i).string();
        main += "auto " + shard + "\n";
        questions += "auto " + shard + "/" + std::string(schema::kQuestionsDatabase) + "\n";
    }
    write_stub(generation / schema::kStubName, main);
    write_stub(generation / schema::kQuestionsDatabase, questions);
}

std::vector<fs::path> local_shards(const fs::path& generation) {
    const fs::path stub = generation / schema::kStubName;
    std::vector<fs::path> shards;
    if (!fs::exists(stub)) return shards;
    for (const StubEntry& entry : read_stub(stub)) {
        if (entry.type == "remote")
            throw IndexError(stub.string() + " lists a remote shard (" + entry.target +
                             "): update it on the host that serves it, with --db pointing at its shard");
        if (entry.target == schema::kSpellingDatabase) continue;
        shards.push_back(generation / entry.target);
    }
    return shards;
}

}  // namespace kb
