// The files of a sharded generation (schema.h describes them): writing its two stubs, and
// finding its local shards again for an update.
#pragma once

#include <filesystem>
#include <vector>

namespace kb {

// The folder of shard `index` of `generation`.
std::filesystem::path shard_path(const std::filesystem::path& generation, std::size_t index);

// Writes generation/XAPIANDB (the spelling database, then the shards) and the questions stub
// for `shards` shards. Throws IndexError.
void write_shard_stubs(const std::filesystem::path& generation, std::size_t shards);

// The shards the generation's stub lists, in order, when it is sharded; empty for a single
// database. Throws IndexError when the stub lists a remote shard (updates are written on the
// shard's own host) or cannot be read.
std::vector<std::filesystem::path> local_shards(const std::filesystem::path& generation);

}  // namespace kb
