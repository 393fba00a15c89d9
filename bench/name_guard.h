// NameGuard: the words of every display name in the source data (askers, answer authors), so no
// sentence carrying one is ever recombined into a synthetic thread, and so the output can be
// checked for them. A name is split into its words of three or more letters, compared case-folded.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>

#include "indexer/text/normaliser.h"

namespace kb::bench {

class NameGuard {
  public:
    // Adds the words (3+ letters) of one display name.
    void add_name(std::string_view display_name);

    // Marks a word of the generator's own fixed vocabulary (product names, code phrasing) as
    // allowed even when it is also part of somebody's name ("SAP" in "SAP Guest"): such a word
    // names a product, not a person. Only fixed strings are allowed this way, never source text.
    void allow_vocabulary(std::string_view text);

    // The first name word in `text`, folded, or empty. With `strict`, allowed vocabulary counts too.
    std::string first_name_word(std::string_view text, bool strict = true) const;

    // The name words of `text` (allowed vocabulary excluded), folded, appended to `hits`.
    void collect_name_words(std::string_view text, std::map<std::string, std::size_t>& hits,
                            std::map<std::string, std::size_t>* allowed_hits = nullptr) const;

    std::size_t size() const { return words_.size(); }
    // The name words that are also fixed vocabulary.
    std::set<std::string> allowed_name_words() const;

    // True when the word (already folded) is a name word.
    bool is_name_word(const std::string& folded) const { return words_.count(folded) > 0; }

  private:
    // Calls f(folded_word) for each word of 3+ letters (a byte >= 0x80 counts as a letter;
    // letters are counted as code points); stops early when f returns false.
    template <typename F>
    void for_each_word(std::string_view text, F&& f) const;
    std::string fold_word(std::string_view word) const;

    Normaliser normaliser_;
    std::unordered_set<std::string> words_;
    std::unordered_set<std::string> vocabulary_;
};

}  // namespace kb::bench
