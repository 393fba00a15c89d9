#include "server/search/result_cache.h"

namespace kb {

namespace {

// What a part costs beyond its strings' characters: object, allocation and map overheads.
constexpr std::size_t kPartBytes = 64;

std::size_t strings_bytes(const std::vector<std::string>& strings) {
    std::size_t bytes = kPartBytes;
    for (const std::string& s : strings) bytes += s.size() + kPartBytes;
    return bytes;
}

std::size_t hit_bytes(const SearchHit& hit) {
    std::size_t bytes = kPartBytes * 4 + hit.id.size() + hit.title.size() + hit.title_html.size() + hit.snippet.size() +
                        hit.date.size() + hit.group.size() + strings_bytes(hit.products) +
                        strings_bytes(hit.error_codes) + strings_bytes(hit.matched) + strings_bytes(hit.shared_codes);
    if (hit.answer)
        bytes += hit.answer->text.size() + hit.answer->copy.size() + hit.answer->role.size() +
                 hit.answer->role_label.size() + hit.answer->role_name.size() + hit.answer->why.size() + kPartBytes;
    return bytes;
}

// Appends `field` so that no two requests share a key: its length, then its bytes.
void append(std::string& key, std::string_view field) {
    key += std::to_string(field.size());
    key += ':';
    key += field;
}

}  // namespace

std::uint64_t ResultCache::version() const {
    const std::lock_guard lock(mutex_);
    return version_;
}

void ResultCache::changed() {
    const std::lock_guard lock(mutex_);
    ++version_;
    order_.clear();
    by_key_.clear();
    bytes_ = 0;
}

std::optional<SearchResult> ResultCache::find(std::uint64_t version, const std::string& key) {
    const std::lock_guard lock(mutex_);
    const auto found = version == version_ ? by_key_.find(key) : by_key_.end();
    if (found == by_key_.end()) {
        ++misses_;
        return std::nullopt;
    }
    ++hits_;
    order_.splice(order_.begin(), order_, found->second);
    return found->second->result;
}

void ResultCache::store(std::uint64_t version, const std::string& key, const SearchResult& result) {
    const std::size_t bytes = bytes_of(result) + key.size() * 2 + kPartBytes;
    if (bytes > max_bytes_ / 8) return;
    const std::lock_guard lock(mutex_);
    if (version != version_) return;
    if (const auto old = by_key_.find(key); old != by_key_.end()) {
        bytes_ -= old->second->bytes;
        order_.erase(old->second);
        by_key_.erase(old);
    }
    evict_to(max_bytes_ - bytes);
    order_.push_front(Entry{key, result, bytes});
    by_key_.emplace(key, order_.begin());
    bytes_ += bytes;
}

void ResultCache::evict_to(std::size_t bytes) {
    while (bytes_ > bytes && !order_.empty()) {
        bytes_ -= order_.back().bytes;
        by_key_.erase(order_.back().key);
        order_.pop_back();
    }
}

ResultCache::Stats ResultCache::stats() const {
    const std::lock_guard lock(mutex_);
    return Stats{hits_, misses_, by_key_.size(), bytes_, max_bytes_};
}

std::string ResultCache::key_of(const SearchRequest& request) {
    std::string key;
    append(key, request.query);
    for (const std::string& product : request.products) append(key, product);
    key += '|';
    key += std::to_string(request.limit) + ',' + std::to_string(request.offset) + ',' +
           std::to_string(static_cast<int>(request.sort));
    key += request.with_facets ? 'f' : '-';
    key += request.partial ? 'p' : '-';
    key += request.collapse ? 'c' : '-';
    key += request.accepted_only ? 'a' : '-';
    return key;
}

std::size_t ResultCache::bytes_of(const SearchResult& result) {
    std::size_t bytes = kPartBytes * 4 + result.query.size() + strings_bytes(result.missing_shards);
    if (result.suggestion) bytes += result.suggestion->size();
    for (const SearchHit& hit : result.hits) bytes += hit_bytes(hit);
    for (const Facet& facet : result.facets) bytes += facet.value.size() + kPartBytes;
    if (result.code_card) {
        bytes += result.code_card->code.size() + strings_bytes(result.code_card->narrowed_by) + kPartBytes;
        for (const Facet& facet : result.code_card->products) bytes += facet.value.size() + kPartBytes;
        if (result.code_card->thread) bytes += hit_bytes(*result.code_card->thread);
    }
    for (const UnknownProduct& u : result.unknown_products) bytes += u.product.size() + strings_bytes(u.nearest);
    return bytes;
}

}  // namespace kb
