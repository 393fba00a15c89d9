// NameFinder: finds people's names written in free text ("my manager Ingrid Solberg", "cc Ewa
// Szczęsny", "Regards,\nThomas"), by rule, without a model: capitalised word runs that are not
// English words nor product vocabulary, given and family names from SCOWL's proper-name lists,
// name shapes (particles, hyphens, apostrophes) and cue words around them.
#pragma once

#include <cstddef>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kb {

class PiiScrubber;

// Name-shaped phrases a forum uses so often that they are its vocabulary, not a person ("Al
// Khor", "Doha Bank", "Islamic Banks" on a Doha forum): the finder's uncued finds and their
// words, counted once per thread over a whole build before any thread is cleaned. A phrase is
// the forum's when it, or every word of it, is frequent.
class ForumPhrases {
  public:
    // The uncued finds of one thread (NameFinder::find's `uncued`).
    void count_thread(const std::vector<std::string>& uncued);
    // Adds the counts of another part of the same build (counted on another core).
    void merge(ForumPhrases&& other);
    // Keeps the phrases found in at least max(3, threads / 1000) threads; call once, after the
    // last count_thread. Read-only (and safe to share between threads) from then on.
    void finish();
    bool contains(std::string_view lowered_phrase) const;
    std::size_t size() const { return frequent_.size(); }

    // The display names of everyone who posts on the forum (askers, answer authors), counted
    // with the threads: people name each other across threads ("as Ekansh Saxena said in the
    // other thread"), so every thread is scrubbed of every one of them, whole.
    void count_person(std::string_view display_name);
    // After finish(): a scrubber that removes those names, whole, in any case; null if none.
    const PiiScrubber* people() const { return people_.get(); }

  private:
    std::size_t threads_ = 0;
    std::unordered_map<std::string, std::size_t> counts_, word_counts_;
    std::unordered_set<std::string> frequent_, frequent_words_;
    std::set<std::string> people_names_;
    std::shared_ptr<const PiiScrubber> people_;
};

class NameFinder {
  public:
    // `vocabulary`: words this forum uses as product or feature names (its product paths); a run
    // holding one is not a name.
    explicit NameFinder(const std::vector<std::string>& vocabulary = {});

    // The names found, as written ("Gareth Llewellyn", "Aoibheann"), each once. UTF-8 in.
    // A find with no cue word before it ("Al Khor", not "my manager Jane Holloway") is dropped
    // when `forum` holds it, and added, lower case, to `uncued` when that is given.
    std::vector<std::string> find(std::string_view text, const ForumPhrases* forum = nullptr,
                                  std::vector<std::string>* uncued = nullptr) const;

    // Whether `word` (any case) is a common English word, as the word lists say.
    static bool is_common_word(std::string_view word);
    // Whether `word` (any case) is among the most frequent English words ("the", "girl",
    // "embassy"; SCOWL sizes up to 35), which a rare given name ("Pavan") is not.
    static bool is_frequent_word(std::string_view word);
    // Whether `word` (any case) names a product, a feature, a country or a language, as the
    // finder's own list says ("Microsoft", "Outlook", "Germany").
    static bool is_product_word(std::string_view word);
    // Whether `word` (any case) is in product_words.txt itself ("Qatari", "Sybase"): not one of
    // ICU's country and language names, many of which are given names too ("Cheyenne", "Jordan").
    static bool is_vocabulary_word(std::string_view word);
    // Whether `word` (any case) names a product, tool or system of the trade ("SAP", "Sybase",
    // "Eclipse"), which no one bears as a given or family name, unlike a month or a brand.
    static bool is_trade_word(std::string_view word);

  private:
    std::vector<std::string> vocabulary_;  // lower case, sorted
};

}  // namespace kb
