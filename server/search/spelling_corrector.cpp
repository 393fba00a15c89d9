#include "server/search/spelling_corrector.h"

#include <algorithm>
#include <cctype>

#include "indexer/schema/schema.h"
#include "server/search/query_understanding.h"

namespace kb {

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c == '\'' || c >= 0x80; }

// One edit for words up to seven letters: two edits turn too many short words into others.
unsigned max_edits_for(const std::string& word) { return word.size() <= 7 ? 1 : 2; }

}  // namespace

std::string SpellingCorrector::correct_word(const std::string& word) const {
    if (word.size() < 4) return {};
    if (std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) return {};
    if (db_.term_exists(word) || db_.synonyms_begin(word) != db_.synonyms_end(word)) return {};
    const std::string stem = stemmer_(word);
    if (db_.term_exists(std::string(schema::kStemPrefix) + stem)) return {};
    const std::string suggestion = db_.get_spelling_suggestion(word, max_edits_for(word));
    // A form of the same word is no correction: the stemmer already matches it.
    if (suggestion.empty() || stemmer_(suggestion) == stem) return {};
    return suggestion;
}

std::string SpellingCorrector::correct(const std::string& text) const {
    std::string out;
    bool changed = false;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_word_byte(static_cast<unsigned char>(text[i]))) {
            out += text[i++];
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && is_word_byte(static_cast<unsigned char>(text[end]))) ++end;
        const std::string word = text.substr(i, end - i);
        // "title:" names a field; AND, OR and NOT are the parser's.
        const bool field_name = end < text.size() && text[end] == ':';
        const std::string fixed =
            field_name || is_query_operator(word) ? std::string() : correct_word(normaliser_.fold(word));
        changed = changed || !fixed.empty();
        out += fixed.empty() ? word : fixed;
        i = end;
    }
    return changed ? out : std::string();
}

}  // namespace kb
