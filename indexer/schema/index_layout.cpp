#include "indexer/schema/index_layout.h"

#include <fstream>
#include <sstream>

#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"

namespace kb {

std::filesystem::path stub_path(const std::filesystem::path& index_dir) { return index_dir / schema::kStubName; }

std::optional<std::string> live_generation(const std::filesystem::path& index_dir) {
    std::ifstream in(stub_path(index_dir));
    std::string backend, name;
    if (!(in >> backend >> name)) return std::nullopt;
    return name;
}

std::vector<StubEntry> read_stub(const std::filesystem::path& stub) {
    std::ifstream in(stub);
    if (!in) throw IndexError("cannot read the stub " + stub.string());
    std::vector<StubEntry> entries;
    for (std::string line; std::getline(in, line);) {
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string::npos || line[start] == '#') continue;
        const std::size_t end = line.find_last_not_of(" \t\r");
        std::istringstream fields(line.substr(start, end - start + 1));
        StubEntry entry;
        fields >> entry.type;
        std::getline(fields >> std::ws, entry.target);
        entry.line = line.substr(0, 100);
        if (entry.target.empty())
            throw IndexError("the stub " + stub.string() + " has a line without a database: " + entry.line);
        entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace kb
