#include "indexer/schema/keys.h"

#include <cstdint>
#include <cstdio>

#include "indexer/schema/schema.h"
#include "indexer/text/text_helpers.h"

namespace kb {

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

namespace {

// A product key longer than this keeps its start and a hash of the whole, so its term stays
// under Xapian's 245-byte limit and two long names that share a start still differ.
constexpr std::size_t kMaxProductKeyBytes = 160;

}  // namespace

std::string product_key(const Normaliser& normaliser, std::string_view product) {
    std::string key = join_words(normaliser.fold(product), '-');
    if (key.size() <= kMaxProductKeyBytes) return key;
    const std::uint64_t hash = stable_hash(key);
    std::size_t cut = kMaxProductKeyBytes - 17;
    while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
    key.resize(cut);
    char suffix[18];
    std::snprintf(suffix, sizeof suffix, "-%016llx", static_cast<unsigned long long>(hash));
    return key + suffix;
}

std::string thread_id_of(const Xapian::Document& doc) {
    auto term = doc.termlist_begin();
    term.skip_to(std::string(schema::kIdPrefix));
    if (term == doc.termlist_end() || (*term).rfind(schema::kIdPrefix, 0) != 0) return {};
    return (*term).substr(schema::kIdPrefix.size());
}

std::string id_term(std::string_view id) { return std::string(schema::kIdPrefix).append(id); }

std::string group_members_key(std::string_view group) {
    std::string key(schema::kGroupMembersKey);
    if (group.size() <= kMaxProductKeyBytes) return key.append(group);
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(stable_hash(group)));
    return key.append("#").append(hash);
}

std::size_t shard_of(std::string_view id, std::size_t count) {
    return count == 0 ? 0 : static_cast<std::size_t>(stable_hash(id) % count);
}

}  // namespace kb
