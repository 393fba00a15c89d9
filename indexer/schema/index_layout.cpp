#include "indexer/schema/index_layout.h"

#include <fstream>

#include "indexer/schema/schema.h"

namespace kb {

std::filesystem::path stub_path(const std::filesystem::path& index_dir) { return index_dir / schema::kStubName; }

std::optional<std::string> live_generation(const std::filesystem::path& index_dir) {
    std::ifstream in(stub_path(index_dir));
    std::string backend, name;
    if (!(in >> backend >> name)) return std::nullopt;
    return name;
}

}  // namespace kb
