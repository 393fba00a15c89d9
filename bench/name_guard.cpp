#include "bench/name_guard.h"

#include <algorithm>
#include <iterator>

#include "indexer/text/stop_words.h"
#include "indexer/text/text_helpers.h"

namespace kb::bench {

namespace {

bool is_letter_byte(char c) { return is_ascii_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// UTF-8 continuation bytes are 10xxxxxx; every other byte starts a code point.
std::size_t code_points(std::string_view word) {
    std::size_t n = 0;
    for (char c : word)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

std::string NameGuard::fold_word(std::string_view word) const {
    for (char c : word)
        if (static_cast<unsigned char>(c) >= 0x80) return normaliser_.fold(word);
    return ascii_lower(word);
}

template <typename F>
void NameGuard::for_each_word(std::string_view text, F&& f) const {
    std::size_t i = 0;
    while (i < text.size()) {
        if (!is_letter_byte(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && is_letter_byte(text[j])) ++j;
        const std::string_view word = text.substr(i, j - i);
        i = j;
        if (code_points(word) < 3) continue;
        if (!f(fold_word(word))) return;
    }
}

void NameGuard::add_name(std::string_view display_name) {
    for_each_word(display_name, [&](std::string folded) {
        // English stop words in a user name ("TheDoc And Me") identify no one, and guarding them
        // would strip "the", "you" and "not" from every generated sentence.
        if (std::find(std::begin(kEnglishStopWords), std::end(kEnglishStopWords), folded) ==
            std::end(kEnglishStopWords))
            words_.insert(std::move(folded));
        return true;
    });
}

void NameGuard::allow_vocabulary(std::string_view text) {
    for_each_word(text, [&](std::string folded) {
        vocabulary_.insert(std::move(folded));
        return true;
    });
}

std::string NameGuard::first_name_word(std::string_view text, bool strict) const {
    std::string hit;
    for_each_word(text, [&](std::string folded) {
        if (words_.count(folded) && (strict || !vocabulary_.count(folded))) {
            hit = std::move(folded);
            return false;
        }
        return true;
    });
    return hit;
}

void NameGuard::collect_name_words(std::string_view text, std::map<std::string, std::size_t>& hits,
                                   std::map<std::string, std::size_t>* allowed_hits) const {
    for_each_word(text, [&](std::string folded) {
        if (words_.count(folded)) {
            if (!vocabulary_.count(folded))
                ++hits[folded];
            else if (allowed_hits)
                ++(*allowed_hits)[folded];
        }
        return true;
    });
}

std::set<std::string> NameGuard::allowed_name_words() const {
    std::set<std::string> out;
    for (const std::string& w : vocabulary_)
        if (words_.count(w)) out.insert(w);
    return out;
}

}  // namespace kb::bench
