#include "server/evaluation/scratch_directory.h"

#include <cstdlib>
#include <string>

#include "indexer/errors.h"

namespace kb {

ScratchDirectory::ScratchDirectory() {
    std::error_code ec;
    const auto base = std::filesystem::temp_directory_path(ec);
    if (ec) throw IndexError("no temporary directory: " + ec.message());
    std::string templ = (base / "kbsearch-eval-XXXXXX").string();
    // mkdtemp makes the directory 0700 with a name no one else can have claimed.
    if (!mkdtemp(templ.data())) throw IndexError("cannot create a temporary directory under " + base.string());
    path_ = templ;
}

ScratchDirectory::~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace kb
