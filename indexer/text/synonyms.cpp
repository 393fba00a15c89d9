#include "indexer/text/synonyms.h"

#include <algorithm>

#include "indexer/text/text_helpers.h"

namespace kb {

extern const char* const kDefaultSynonymsText;  // generated from indexer/text/synonyms.txt

std::string synonym_key(std::string_view text, const Normaliser& normaliser) {
    return join_words(normaliser.fold(text), ' ');
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

}  // namespace kb
