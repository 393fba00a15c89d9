// BuildSpace: the disk a build will need, estimated before it starts, so a build that cannot
// fit fails at once, saying what it needs, instead of filling the disk halfway through.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kb {

struct BuildSpace {
    std::uintmax_t input_bytes = 0;  // the thread files read
    std::uintmax_t live_bytes = 0;   // the generation live now, if any
    std::uintmax_t needed = 0;       // free bytes the build asks for
    std::uintmax_t available = 0;    // free bytes on the index's disk

    // A new index is about kIndexBytesPerInputByte times its input, or as large as the live one
    // (a rebuild of the same threads); a build holds its parts and their merge at once, so it
    // needs kHeadroom times that free.
    // (Measured: corpus/ 284 KB -> 1.2 MB, 4.2; ../shared/data/scn 3.8 MB -> 14.3 MB, 3.8.)
    static constexpr double kIndexBytesPerInputByte = 4.0;
    static constexpr int kHeadroom = 3;

    // The estimate for building `files` into `index_dir`, whose live generation is `live`.
    // Throws IndexError when the disk's free space cannot be read.
    static BuildSpace estimate(const std::filesystem::path& index_dir, const std::vector<std::filesystem::path>& files,
                               const std::optional<std::string>& live);

    // Throws IndexError saying what the build needs and what the disk has, when it is short.
    void require(const std::filesystem::path& index_dir) const;
};

// The bytes of the regular files under `path` (or of the file itself); 0 when there are none.
std::uintmax_t bytes_under(const std::filesystem::path& path);

}  // namespace kb
