// SpellingCorrector: "did you mean" for a query, from the index's own spelling table.
// Stricter than QueryParser's FLAG_SPELLING_CORRECTION, which rewrites words the index knows
// ("activate" -> "activated") and reaches two edits into short words ("offline" -> "office").
#pragma once

#include <string>

#include <xapian.h>

#include "indexer/text/normaliser.h"

namespace kb {

class SpellingCorrector {
  public:
    SpellingCorrector(Xapian::Database db, Xapian::Stem stemmer) : db_(std::move(db)), stemmer_(std::move(stemmer)) {}

    // The text with each unknown word replaced by its closest known spelling, in the case it was
    // typed in, everything else (filters, quotes, '-', codes and code-shaped words, AND/OR/NOT)
    // as it was; "" when no word changes or when a word stays unknown.
    std::string correct(const std::string& text) const;

    // The suggestion for one folded word, or "" when it is known (as itself, by its stem or in
    // the synonym table) or nothing close enough is.
    std::string correct_word(const std::string& word) const;

    // Whether the folded word is known (itself, its stem, the synonym table), short, or a number.
    bool needs_no_correction(const std::string& word) const;

  private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Normaliser normaliser_;
};

}  // namespace kb
