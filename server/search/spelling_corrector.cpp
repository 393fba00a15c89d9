#include "server/search/spelling_corrector.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "indexer/schema/schema.h"
#include "server/search/query_understanding.h"

namespace kb {

namespace {

// Shorter words have too many neighbours one edit away to tell a typo from another word.
constexpr std::size_t kShortestCorrected = 5;

// Underscores join a word: "AUTH_0x2F" and "CERT_UNTRUSTED_ROOT" are one token, a code.
bool is_word_byte(unsigned char c) { return std::isalnum(c) || c == '\'' || c == '_' || c >= 0x80; }

// One edit for words of five to eight letters, two from nine (as Meilisearch and Typesense
// count them): two edits turn too many short words into others.
unsigned max_edits_for(const std::string& word) { return word.size() <= 8 ? 1 : 2; }

// Codes and names of things are written as they are meant: digits or underscores
// ("0x8004010F", "IKE_REKEY_FAILED"), or two capitals or more ("HRESULT", "OneDrive").
bool is_code_shaped(std::string_view token) {
    if (token.find('_') != std::string_view::npos) return true;
    if (std::any_of(token.begin(), token.end(), [](unsigned char c) { return std::isdigit(c); })) return true;
    return std::count_if(token.begin(), token.end(), [](unsigned char c) { return std::isupper(c); }) >= 2;
}

// The correction written in the case the user wrote the word in: "Pasword" -> "Password".
std::string in_case_of(const std::string& typed, std::string correction) {
    if (!typed.empty() && std::isupper(static_cast<unsigned char>(typed[0])) && !correction.empty() &&
        static_cast<unsigned char>(correction[0]) < 0x80)
        correction[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(correction[0])));
    return correction;
}

}  // namespace

bool SpellingCorrector::needs_no_correction(const std::string& word) const {
    if (word.size() < kShortestCorrected) return true;
    if (std::any_of(word.begin(), word.end(), [](unsigned char c) { return std::isdigit(c); })) return true;
    if (db_.term_exists(word) || db_.synonyms_begin(word) != db_.synonyms_end(word)) return true;
    return db_.term_exists(std::string(schema::kStemPrefix) + stemmer_(word));
}

std::string SpellingCorrector::correct_word(const std::string& word) const {
    if (needs_no_correction(word)) return {};
    const std::string stem = stemmer_(word);
    const std::string suggestion = db_.get_spelling_suggestion(word, max_edits_for(word));
    // A form of the same word is no correction: the stemmer already matches it. Typos keep
    // the first letter ("hresult" is not "result"), and a word too short to be corrected is
    // too short to be a correction ("asdf" is not "asd").
    if (suggestion.size() < kShortestCorrected || stemmer_(suggestion) == stem || suggestion[0] != word[0]) return {};
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
        const bool left_as_typed = field_name || is_query_operator(word) || is_code_shaped(word);
        const std::string folded = left_as_typed ? std::string() : normaliser_.fold(word);
        const std::string fixed = left_as_typed ? std::string() : correct_word(folded);
        // A word that is neither known nor correctable makes the query one the index cannot
        // read ("xyzzy plugh"): correcting its neighbour would only invent a match.
        if (!left_as_typed && fixed.empty() && !needs_no_correction(folded)) return {};
        changed = changed || !fixed.empty();
        out += fixed.empty() ? word : in_case_of(word, fixed);
        i = end;
    }
    return changed ? out : std::string();
}

}  // namespace kb
