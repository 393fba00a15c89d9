#include "server/http/connection_counts.h"

namespace kb {

ConnectionCounts::Admission ConnectionCounts::admit(const std::string& client) {
    std::lock_guard lock(mutex_);
    const auto it = open_by_client_.find(client);
    if (per_client_ != 0 && it != open_by_client_.end() && it->second >= per_client_) return Admission::ClientFull;
    if (open_ >= total_) return Admission::Full;
    ++open_;
    ++open_by_client_[client];
    return Admission::Admitted;
}

void ConnectionCounts::release(const std::string& client) {
    std::lock_guard lock(mutex_);
    const auto it = open_by_client_.find(client);
    if (it == open_by_client_.end()) return;
    --open_;
    if (--it->second == 0) open_by_client_.erase(it);
}

std::size_t ConnectionCounts::open() const {
    std::lock_guard lock(mutex_);
    return open_;
}

}  // namespace kb
