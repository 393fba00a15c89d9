#include "indexer/schema/keys.h"

#include <cstdint>

#include "indexer/schema/schema.h"
#include "indexer/text/text_helpers.h"

namespace kb {

std::string product_key(const Normaliser& normaliser, std::string_view product) {
    return join_words(normaliser.fold(product), '-');
}

std::string thread_id_of(const Xapian::Document& doc) {
    auto term = doc.termlist_begin();
    term.skip_to(std::string(schema::kIdPrefix));
    if (term == doc.termlist_end() || (*term).rfind(schema::kIdPrefix, 0) != 0) return {};
    return (*term).substr(schema::kIdPrefix.size());
}

std::string id_term(std::string_view id) { return std::string(schema::kIdPrefix).append(id); }

std::size_t shard_of(std::string_view id, std::size_t count) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (const char c : id) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return count == 0 ? 0 : static_cast<std::size_t>(hash % count);
}

}  // namespace kb
