#include "indexer/schema/keys.h"

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

}  // namespace kb
