#include "indexer/index/build_space.h"

#include <cerrno>
#include <cmath>
#include <cstring>

#include <sys/statvfs.h>

#include "indexer/text/errors.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

std::string megabytes(std::uintmax_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";  // rounded up: never "0 MB" for a need
}

}  // namespace

std::uintmax_t bytes_under(const fs::path& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) return fs::file_size(path, ec);
    std::uintmax_t total = 0;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
        if (it->is_regular_file(ec)) {
            const std::uintmax_t size = it->file_size(ec);
            if (!ec) total += size;
        }
    return total;
}

BuildSpace BuildSpace::estimate(const fs::path& index_dir, const std::vector<fs::path>& files,
                                const std::optional<std::string>& live) {
    BuildSpace space;
    for (const fs::path& file : files) space.input_bytes += bytes_under(file);
    if (live) space.live_bytes = bytes_under(index_dir / *live);
    const double index = std::max(static_cast<double>(space.input_bytes) * kIndexBytesPerInputByte,
                                  static_cast<double>(space.live_bytes));
    space.needed = static_cast<std::uintmax_t>(std::ceil(index * kHeadroom));
    struct statvfs disk {};
    if (::statvfs(index_dir.c_str(), &disk) != 0)
        throw IndexError("cannot read the free space of " + index_dir.string() + ": " + std::strerror(errno));
    space.available = static_cast<std::uintmax_t>(disk.f_bavail) * disk.f_frsize;
    return space;
}

void BuildSpace::require(const fs::path& index_dir) const {
    if (available >= needed) return;
    std::string basis =
        "three times an index of " + megabytes(needed / kHeadroom) + ", from " + megabytes(input_bytes) + " of input";
    if (live_bytes > 0) basis += " and the live index's " + megabytes(live_bytes);
    throw IndexError("not enough free space to build " + index_dir.string() + ": a build needs about " +
                     megabytes(needed) + " (" + basis + "), and the disk has " + megabytes(available) +
                     " free. Free some space, or build on another disk; the live index is unchanged");
}

}  // namespace kb
