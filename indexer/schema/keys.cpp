#include "indexer/schema/keys.h"

#include <cstdint>
#include <cstdio>

#include "indexer/schema/schema.h"
#include "indexer/text/text_helpers.h"

namespace kb {

std::string date_key(std::string_view date) {
    // Fields as (offset, digits, smallest, largest) of "YYYY-MM-DD?HH:MM:SS".
    struct Field {
        std::size_t at, digits;
        int low, high;
    };
    static constexpr Field kDate[] = {{0, 4, 1000, 9999}, {5, 2, 1, 12}, {8, 2, 1, 31}};
    static constexpr Field kTime[] = {{11, 2, 0, 23}, {14, 2, 0, 59}, {17, 2, 0, 60}};
    const auto read = [&](const Field& f) {
        if (date.size() < f.at + f.digits) return -1;
        int value = 0;
        for (std::size_t i = f.at; i < f.at + f.digits; ++i) {
            const char c = date[i];
            if (c < '0' || c > '9') return -1;
            value = value * 10 + (c - '0');
        }
        return value < f.low || value > f.high ? -1 : value;
    };
    for (const Field& f : kDate)
        if (read(f) < 0) return {};
    if (date[4] != '-' || date[7] != '-') return {};
    std::string key(date.substr(0, 10));
    bool timed = date.size() >= 19 && (date[10] == 'T' || date[10] == ' ') && date[13] == ':' && date[16] == ':';
    for (const Field& f : kTime) timed = timed && read(f) >= 0;
    key += timed ? "T" + std::string(date.substr(11, 8)) : std::string("T00:00:00");
    return key;
}

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
