#include "indexer/index/spelling_table.h"

#include <cctype>

namespace kb {

Xapian::termcount add_vocabulary_spelling(Xapian::WritableDatabase& db) {
    Xapian::termcount words = 0;
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
        const std::string& word = *term;
        // Prefixes are capital letters (schema.h); a plain word starts with anything else.
        if (word.empty() || std::isupper(static_cast<unsigned char>(word[0]))) continue;
        db.add_spelling(word, db.get_collection_freq(word));
        ++words;
    }
    return words;
}

}  // namespace kb
