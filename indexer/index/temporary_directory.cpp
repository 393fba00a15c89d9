#include "indexer/index/temporary_directory.h"

#include <cstdlib>
#include <fstream>

#include "indexer/text/errors.h"

namespace kb {

TemporaryDirectory::TemporaryDirectory(std::string_view name_prefix) {
    std::error_code ec;
    const auto base = std::filesystem::temp_directory_path(ec);
    if (ec) throw IndexError("no temporary directory: " + ec.message());
    std::string templ = (base / (std::string(name_prefix) + "-XXXXXX")).string();
    // mkdtemp makes the directory 0700 with a name no one else can have claimed.
    if (!mkdtemp(templ.data())) throw IndexError("cannot create a temporary directory under " + base.string());
    path_ = templ;
}

TemporaryDirectory::~TemporaryDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::filesystem::path TemporaryDirectory::write(const std::string& name, std::string_view content) const {
    const auto file = path_ / name;
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw IndexError("cannot write " + file.string());
    return file;
}

}  // namespace kb
