#include "server/search/shard_health.h"

#include <algorithm>

namespace kb {

ShardHealth::ShardHealth(std::chrono::milliseconds max_backoff) : max_backoff_(max_backoff) {}

void ShardHealth::record_up(const std::string& shard) {
    const std::lock_guard lock(mutex_);
    Entry& entry = shards_[shard];
    if (!entry.state.up || entry.state.shard.empty()) entry.state.since = Clock::now();
    entry.state = State{shard, true, 0, {}, entry.state.since};
    entry.retry_at = {};
}

void ShardHealth::record_down(const std::string& shard, const std::string& error) {
    const std::lock_guard lock(mutex_);
    Entry& entry = shards_[shard];
    const auto now = Clock::now();
    if (entry.state.up || entry.state.shard.empty()) entry.state.since = now;
    entry.state.shard = shard;
    entry.state.up = false;
    entry.state.error = error;
    ++entry.state.failures;
    const auto backoff = std::chrono::milliseconds(100L << std::min(entry.state.failures - 1, 10u));
    entry.retry_at = now + std::min(backoff, max_backoff_);
}

bool ShardHealth::may_try(const std::string& shard) const {
    const std::lock_guard lock(mutex_);
    const auto it = shards_.find(shard);
    return it == shards_.end() || it->second.state.up || Clock::now() >= it->second.retry_at;
}

std::vector<ShardHealth::State> ShardHealth::states() const {
    const std::lock_guard lock(mutex_);
    std::vector<State> out;
    for (const auto& [name, entry] : shards_) out.push_back(entry.state);
    return out;
}

bool ShardHealth::any_down() const {
    const std::lock_guard lock(mutex_);
    return std::any_of(shards_.begin(), shards_.end(), [](const auto& entry) { return !entry.second.state.up; });
}

}  // namespace kb
