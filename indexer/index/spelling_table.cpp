#include "indexer/index/spelling_table.h"

#include <cctype>

namespace kb {

bool is_plain_word(const std::string& term) {
    return !term.empty() && !std::isupper(static_cast<unsigned char>(term[0]));
}

Xapian::termcount add_vocabulary_spelling(Xapian::WritableDatabase& db, const Xapian::Database& source) {
    Xapian::termcount words = 0;
    for (auto term = source.allterms_begin(); term != source.allterms_end(); ++term) {
        const std::string& word = *term;
        if (!is_plain_word(word)) continue;
        db.add_spelling(word, source.get_collection_freq(word));
        ++words;
    }
    return words;
}

}  // namespace kb
