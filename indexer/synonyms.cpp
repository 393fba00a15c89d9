#include "indexer/synonyms.h"

#include <algorithm>
#include <set>

#include "indexer/errors.h"

namespace kb {

extern const char* const kDefaultSynonymsText;   // generated from indexer/synonyms.txt

std::string synonym_key(std::string_view text, const Normaliser& normaliser) {
    const std::string folded = normaliser.fold(text);
    std::string key;
    bool gap = false;
    for (unsigned char c : folded) {
        const bool word = std::isalnum(c) || c >= 0x80;
        if (!word) {
            gap = !key.empty();
            continue;
        }
        if (gap) key += ' ';
        gap = false;
        key += static_cast<char>(c);
    }
    return key;
}

std::vector<SynonymGroup> parse_synonyms(std::string_view text, const Normaliser& normaliser) {
    std::vector<SynonymGroup> groups;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        SynonymGroup group;
        std::size_t from = 0;
        while (from <= line.size()) {
            std::size_t comma = line.find(',', from);
            if (comma == std::string_view::npos) comma = line.size();
            std::string key = synonym_key(line.substr(from, comma - from), normaliser);
            if (!key.empty() && std::find(group.begin(), group.end(), key) == group.end()) group.push_back(key);
            from = comma + 1;
        }
        if (group.size() >= 2) groups.push_back(std::move(group));
    }
    return groups;
}

std::vector<SynonymGroup> default_synonyms(const Normaliser& normaliser) {
    return parse_synonyms(kDefaultSynonymsText, normaliser);
}

void store_synonyms(Xapian::WritableDatabase& db, const std::vector<SynonymGroup>& groups) {
    std::set<std::string> old_keys;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) old_keys.insert(*k);
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    for (const SynonymGroup& group : groups)
        for (const std::string& form : group)
            for (const std::string& other : group)
                if (other != form) db.add_synonym(form, other);
}

}  // namespace kb
